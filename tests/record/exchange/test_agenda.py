import json

import pytest

from reviewdesk.record.errors import FormatError
from reviewdesk.store.templates import available_agendas, default_agenda, load_agenda_file


def test_default_agenda_has_the_five_principles():
    agenda = default_agenda()
    assert [s.title for s in agenda.sections] == [
        "Trust",
        "SMART goals and expectations",
        "Teamwork",
        "Communication",
        "Same page",
    ]
    for section in agenda.sections:
        assert 3 <= len(section.questions) <= 5
        assert section.guidance and section.timebox_minutes


def test_new_sections_are_an_unanswered_copy():
    agenda = default_agenda()
    sections = agenda.new_sections()
    sections[0].questions[0].client_rating = 5
    assert agenda.new_sections()[0].questions[0].client_rating is None


def test_user_templates_load_and_broken_ones_name_file_and_field(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    good = default_agenda()
    (folder / "short.json").write_text(
        json.dumps(
            {
                "format": "reviewdesk.agenda/1",
                "name": "Short",
                "sections": [
                    {"key": "t", "title": "Trust", "questions": [{"key": "a", "text": "?"}]}
                ],
            }
        )
    )
    (folder / "broken.json").write_text(
        json.dumps(
            {
                "format": "reviewdesk.agenda/1",
                "name": "Broken",
                "sections": [{"key": "t", "title": "T", "timebox_minutes": "ten", "questions": []}],
            }
        )
    )
    agendas, errors = available_agendas(folder)
    assert [a.name for a in agendas] == [good.name, "Short"]
    assert len(errors) == 1
    assert "broken.json" in str(errors[0])
    assert "sections[0].timebox_minutes" in str(errors[0])


def test_template_that_is_not_json(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{nope")
    with pytest.raises(FormatError, match=r"x.json: not valid JSON"):
        load_agenda_file(path)
