"""A side's score of a question in SQL: the mean of its people's ratings that may be shown
(given openly, or in a revealed round), else the side's rating as a whole.

The people's means are kept in ``question_score`` (only for questions people rated) by the store
on every rating change, so averages over a whole portfolio stay one indexed pass.
"""

from __future__ import annotations


def _visible(table: str, side: str) -> str:
    return (
        f"FROM {table} x LEFT JOIN rating_round r ON r.id = x.round_id "
        f"WHERE x.question_id = q.id AND x.side = '{side}' "
        "AND (x.round_id IS NULL OR r.revealed_at IS NOT NULL)"
    )


def _people_mean(side: str) -> str:
    """SQL for the mean of a side's ratings of ``q`` that may be shown, or NULL."""
    named, anonymous = _visible("person_rating", side), _visible("anonymous_rating", side)
    count = f"((SELECT COUNT(*) {named}) + (SELECT COUNT(*) {anonymous}))"
    total = f"((SELECT TOTAL(x.value) {named}) + (SELECT TOTAL(x.value) {anonymous}))"
    return f"CASE WHEN {count} > 0 THEN {total} / {count} END"


REFRESH_SCORES = (
    "INSERT OR REPLACE INTO question_score (question_id, client, provider) "
    f"SELECT q.id, {_people_mean('client')}, {_people_mean('provider')} FROM question q"
)
# A side's score of a question ``q`` in SQL: its people's mean, else its whole-side rating.
SCORE_JOIN = "LEFT JOIN question_score qs ON qs.question_id = q.id"
CLIENT_SCORE = "COALESCE(qs.client, q.client_rating)"
PROVIDER_SCORE = "COALESCE(qs.provider, q.provider_rating)"
