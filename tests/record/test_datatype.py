"""@datatype classes behave as @dataclass ones: the same repr, equality and hash."""

import dataclasses
import datetime as dt
import itertools
import math

import pytest

from reviewdesk.record import model, rules, scorecard
from reviewdesk.record.datatype import datatype

CLASSES = [
    c
    for module in (model, scorecard, rules)
    for c in vars(module).values()
    if isinstance(c, type) and c.__module__ == module.__name__ and dataclasses.is_dataclass(c)
]


def _twin(cls):
    """The same class made by @dataclass itself."""
    made = dataclasses.make_dataclass(
        cls.__name__,
        [
            (
                f.name,
                f.type,
                dataclasses.field(
                    default=f.default,
                    default_factory=f.default_factory,
                    repr=f.repr,
                    compare=f.compare,
                    hash=f.hash,
                    init=f.init,
                ),
            )
            for f in dataclasses.fields(cls)
        ],
        frozen=cls.__dataclass_params__.frozen,
    )
    made.__qualname__ = cls.__qualname__
    return made


_counter = itertools.count(1)


def _values(cls, vary: str | None = None) -> dict:
    """Keyword arguments for every field: its default, or a value (another for ``vary``)."""
    out = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING and f.name != vary:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING and f.name != vary:
            out[f.name] = f.default_factory()
        else:
            out[f.name] = f"v{next(_counter)}" if f.name == vary else "v"
    return out


def test_the_record_classes_are_made_with_datatype():
    assert len(CLASSES) >= 21
    for cls in CLASSES:
        assert cls.__repr__.__qualname__ == f"{cls.__qualname__}.__repr__", cls


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_repr_eq_and_hash_as_dataclass_gives(cls):
    twin = _twin(cls)
    frozen = cls.__dataclass_params__.frozen
    values = _values(cls)
    ours, theirs = cls(**values), twin(**values)
    assert repr(ours) == repr(theirs)
    assert ours == cls(**values)
    assert not ours.__ne__(cls(**values))
    assert ours != theirs and ours.__eq__(theirs) is NotImplemented  # another class
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(twin)]
    if frozen:
        assert hash(ours) == hash(theirs)
        with pytest.raises(dataclasses.FrozenInstanceError):
            ours.x = 1
    else:
        assert cls.__hash__ is None and twin.__hash__ is None
        with pytest.raises(TypeError):
            hash(ours)
    for f in dataclasses.fields(cls):  # each field counts in == as it does for @dataclass
        other = _values(cls, vary=f.name)
        assert (cls(**other) == ours) == (twin(**other) == theirs), f.name
        if frozen and f.compare:
            assert hash(cls(**other)) == hash(twin(**other))


def test_edge_cases_as_dataclass():
    for decorate in (datatype, dataclasses.dataclass):

        @decorate(frozen=True)
        class One:
            x: float

        @decorate
        class Node:
            name: str
            child: object = None
            hidden: int = dataclasses.field(default=0, repr=False, compare=False)

        nan = math.nan
        assert One(nan) == One(nan)  # the same object: equal, as a tuple's member is
        assert hash(One(1.0)) == hash((1.0,))
        loop = Node("a")
        loop.child = loop
        assert repr(loop).endswith("Node(name='a', child=...)")
        assert Node("a", None, 1) == Node("a", None, 2)
        assert dataclasses.replace(Node("a"), name="b") == Node("b")


def test_a_class_with_its_own_methods_is_refused():
    with pytest.raises(TypeError):

        @datatype
        class Own:
            x: int

            def __eq__(self, other):
                return True


def test_replace_and_asdict_work():
    p = model.Partnership("A", "B", start_date=dt.date(2026, 1, 1))
    assert dataclasses.replace(p, client="C").label == "C ↔ B"
    assert dataclasses.asdict(p)["provider"] == "B"
