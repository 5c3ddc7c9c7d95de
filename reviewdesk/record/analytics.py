"""Across reviews: health trends, persistent perception gaps, follow-through per side."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reviewdesk.record.model import GAP_THRESHOLD, OWNER_SIDES, Action, Coverage
from reviewdesk.record.numbers import one_decimal, percent
from reviewdesk.record.wording import NO_VALUE, date_short, plural

TREND_REVIEWS = 8
NO_SIDE = ""  # follow-through of the actions nobody set a side for
NO_SIDE_WORDS = "No side set"
FOLLOW_COLUMNS = ("Side", "Closed by due date", "Open", "Overdue", "Average age of open")
FOLLOW_NOTE = (
    "Actions owned by each side, cancelled ones left out. Closed by due date: of the actions "
    "with a due date that are done or past it, those done at a review on or before the due "
    "date (the latest one agreed)."
)


@dataclass(frozen=True)
class ReviewRef:
    """A review as the analytics name it: its id, date and title."""

    id: int
    date: dt.date
    title: str


@dataclass(frozen=True)
class RatingRow:
    """One question's ratings in one review, as the rating history lists them."""

    meeting_id: int
    section_key: str
    section_title: str
    question_key: str
    question_text: str
    client: float | None  # the side's score (its people's mean, or its whole-side rating)
    provider: float | None


@dataclass(frozen=True)
class GoalReviewRow:
    """One goal as one review recorded it."""

    goal_id: int
    meeting_id: int
    title: str
    status: str
    current: str
    target: str


@dataclass
class History:
    """Everything about one partnership's reviews up to a point, as plain rows."""

    reviews: list[ReviewRef]
    ratings: list[RatingRow] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)  # each as it last stood
    goal_reviews: list[GoalReviewRow] = field(default_factory=list)
    measures: list = field(default_factory=list)  # service_levels.MeasureRow, review by review

    def review_date(self, meeting_id: int | None) -> dt.date | None:
        for r in self.reviews:
            if r.id == meeting_id:
                return r.date
        return None


def last_ratings(history: History, meeting_id: int | None) -> dict[tuple[str, str], RatingRow]:
    """The ratings of the review just before ``meeting_id``, by (section key, question key);
    empty for a first review."""
    ids = [r.id for r in history.reviews]
    if meeting_id not in ids or ids.index(meeting_id) == 0:
        return {}
    before = ids[ids.index(meeting_id) - 1]
    return {(r.section_key, r.question_key): r for r in history.ratings if r.meeting_id == before}


def _mean(values: list[int] | list[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class TrendPoint:
    """A review's average rating per side, and how much of it was rated."""

    review: ReviewRef
    client: float | None
    provider: float | None
    coverage: Coverage = Coverage(0, 0)  # noqa: RUF009 - frozen; partial or whole review

    @property
    def partial(self) -> bool:
        return self.coverage.partial


@dataclass
class Trend:
    """Per section (and overall): the client's and provider's averages, review by review."""

    reviews: list[ReviewRef]
    sections: list[tuple[str, str]]  # (key, title) in agenda order of first appearance
    by_section: dict[str, list[TrendPoint]]
    overall: list[TrendPoint]


def trend(history: History, last: int | None = TREND_REVIEWS) -> Trend:
    """Each side's average per review, overall and per section, with how much of the review
    (or the section) both sides rated: a partial review's point says so."""
    reviews = history.reviews[-last:] if last else list(history.reviews)
    wanted = {r.id for r in reviews}
    sections: dict[str, str] = {}
    values: dict[tuple[int, str], _Tally] = {}
    overall: dict[int, _Tally] = {r.id: _Tally() for r in reviews}
    for row in history.ratings:
        if row.meeting_id not in wanted:
            continue
        sections.setdefault(row.section_key, row.section_title)
        values.setdefault((row.meeting_id, row.section_key), _Tally()).add(row)
        overall[row.meeting_id].add(row)
    by_section = {
        key: [values.get((r.id, key), _Tally()).point(r) for r in reviews] for key in sections
    }
    titles = list(sections.values())
    return Trend(
        reviews=reviews,
        sections=[  # two agendas may give one title to different keys: tell them apart
            (key, f"{title} ({key})" if titles.count(title) > 1 else title)
            for key, title in sections.items()
        ],
        by_section=by_section,
        overall=[overall[r.id].point(r) for r in reviews],
    )


@dataclass
class _Tally:
    """The ratings of one review (or one of its sections) as they are added up."""

    client: list[float] = field(default_factory=list)
    provider: list[float] = field(default_factory=list)
    questions: int = 0
    rated: int = 0

    def add(self, row: RatingRow) -> None:
        self.questions += 1
        if row.client is not None:
            self.client.append(row.client)
        if row.provider is not None:
            self.provider.append(row.provider)
        self.rated += row.client is not None and row.provider is not None

    def point(self, review: ReviewRef) -> TrendPoint:
        return TrendPoint(
            review, _mean(self.client), _mean(self.provider), Coverage(self.questions, self.rated)
        )


@dataclass(frozen=True)
class PersistentGap:
    """A question whose sides differed by 2+ in consecutive reviews.

    The run shown is the one still going at the latest review when it is long enough to count,
    else the longest one; ``runs`` lists every run that counts (the shown one included), oldest
    first, as (length, first review, last review).
    """

    section_key: str
    section_title: str
    question_key: str
    question_text: str
    reviews: int  # length of the run shown
    first: ReviewRef
    last: ReviewRef
    ongoing: bool  # the run shown reaches the latest review considered
    latest_gap: int  # the gap at the end of the run shown (today's gap when ongoing)
    runs: tuple[tuple[int, ReviewRef, ReviewRef], ...] = ()

    @property
    def longest(self) -> int:
        return max((n for n, _first, _last in self.runs), default=self.reviews)

    def describe(self) -> str:
        """'3 reviews in a row since 15 Aug 2025; also 2 reviews, 15 Jan 2025 to 15 Feb 2025'."""
        span = f"{plural(self.reviews, 'review')} in a row since {date_short(self.first.date)}"
        span += "" if self.ongoing else f" (until {date_short(self.last.date)})"
        others = [
            f"{plural(n, 'review')}, {date_short(first.date)} to {date_short(last.date)}"
            for n, first, last in self.runs
            if first.id != self.first.id
        ]
        return span + (f"; also {'; '.join(others)}" if others else "")


def persistent_gaps(history: History, min_reviews: int = 2) -> list[PersistentGap]:
    """Questions (section and question key) with a gap of 2+ in ``min_reviews``+ reviews in a row.

    The run is counted over the partnership's reviews in order; a review where the question is
    missing, not rated by both sides, or rated within 1 point ends it. Still-open runs first,
    then the longest.
    """
    order = {r.id: i for i, r in enumerate(history.reviews)}
    rows: dict[tuple[str, str], dict[int, RatingRow]] = {}
    for row in history.ratings:
        rows.setdefault((row.section_key, row.question_key), {})[row.meeting_id] = row
    found = []
    latest_index = len(history.reviews) - 1
    for (skey, qkey), per_review in rows.items():
        runs: list[tuple[int, int]] = []  # (length, end index) of every run, in order
        run = 0
        for i, review in enumerate(history.reviews):
            row = per_review.get(review.id)
            gap = (
                abs(row.client - row.provider)
                if row and row.client is not None and row.provider is not None
                else None
            )
            run = run + 1 if gap is not None and gap >= GAP_THRESHOLD else 0
            if run == 1:
                runs.append((1, i))
            elif run:
                runs[-1] = (run, i)
        counted = [r for r in runs if r[0] >= min_reviews]
        if not counted:
            continue
        longest = max(counted)  # the latest of equally long runs
        current = runs[-1] if runs[-1][1] == latest_index else None
        length, end = current if current and current[0] >= min_reviews else longest
        last_row = per_review[history.reviews[end].id]
        latest = max(per_review.values(), key=lambda r: order[r.meeting_id])
        found.append(
            PersistentGap(
                section_key=skey,
                section_title=latest.section_title,
                question_key=qkey,
                question_text=latest.question_text,
                reviews=length,
                first=history.reviews[end - length + 1],
                last=history.reviews[end],
                ongoing=end == latest_index,
                latest_gap=abs(last_row.client - last_row.provider),  # type: ignore[operator]
                runs=tuple((n, history.reviews[e - n + 1], history.reviews[e]) for n, e in counted),
            )
        )
    return sorted(found, key=lambda g: (not g.ongoing, -g.reviews, g.section_key, g.question_key))


@dataclass(frozen=True)
class FollowThrough:
    """How one side keeps its promises."""

    side: str  # client, provider, joint, or NO_SIDE
    total: int  # actions owned by this side (cancelled ones left out)
    came_due: int  # with a due date that is past (before the as-of date) or done
    closed_on_time: int  # done at a review on or before the due date
    open: int
    overdue: int
    average_open_age_days: float | None

    @property
    def on_time_share(self) -> float | None:
        return self.closed_on_time / self.came_due if self.came_due else None


def on_time_text(f: FollowThrough) -> str:
    """'1 of 2 (50%)', or 'none due yet' (the same words in the window and the minutes)."""
    share = f.on_time_share
    if share is None:
        return "none due yet"
    return f"{f.closed_on_time} of {f.came_due} ({percent(f.closed_on_time, f.came_due)}%)"


def age_text(days: float | None) -> str:
    """'58 days', '12.5 days', '1 day', or '–' when nothing is open."""
    if days is None:
        return NO_VALUE
    shown = f"{days:.0f}" if float(days).is_integer() else one_decimal(days)
    return f"{shown} {'day' if shown == '1' else 'days'}"


def follow_through(history: History, as_of: dt.date) -> dict[str, FollowThrough]:
    """Per side (client, provider, joint): share closed by their due date, overdue, open age.

    An action is judged against the due date it had when it was closed (or has now). An open
    one is late from the day after its due date, both for "overdue" and for "came due". Actions
    without a side get a NO_SIDE entry when there are any.
    """
    out = {}
    live = [a for a in history.actions if a.status != "cancelled"]
    sides = [*OWNER_SIDES, *([NO_SIDE] if any(a.side is None for a in live) else [])]
    for side in sides:
        mine = [a for a in live if (a.side or NO_SIDE) == side]
        came_due = closed_on_time = 0
        ages = []
        overdue = 0
        for a in mine:
            closed_at = history.review_date(a.closed_in) if a.status == "done" else None
            if a.due is not None and (a.due < as_of or closed_at is not None):
                came_due += 1
                if closed_at is not None and closed_at <= a.due:
                    closed_on_time += 1
            if a.status == "open":
                raised = history.review_date(a.raised_in)
                if raised is not None:
                    ages.append(max(0, (as_of - raised).days))  # a review dated later: 0
                if a.due is not None and a.due < as_of:
                    overdue += 1
        out[side] = FollowThrough(
            side=side,
            total=len(mine),
            came_due=came_due,
            closed_on_time=closed_on_time,
            open=sum(1 for a in mine if a.status == "open"),
            overdue=overdue,
            average_open_age_days=_mean(ages),
        )
    return out


@dataclass(frozen=True)
class GoalHistory:
    """A goal's status and current value, review by review."""

    goal_id: int
    title: str
    steps: list[tuple[ReviewRef, str, str]]  # (review, status, current value)


def goal_histories(history: History) -> list[GoalHistory]:
    """Each goal's status and current value at every review that looked at it."""
    refs = {r.id: r for r in history.reviews}
    order = {r.id: i for i, r in enumerate(history.reviews)}
    goals: dict[int, list[GoalReviewRow]] = {}
    for row in history.goal_reviews:
        if row.meeting_id in refs:
            goals.setdefault(row.goal_id, []).append(row)
    out = []
    for goal_id, rows in goals.items():
        rows.sort(key=lambda r: order[r.meeting_id])
        out.append(
            GoalHistory(
                goal_id=goal_id,
                title=rows[-1].title,
                steps=[(refs[r.meeting_id], r.status, r.current) for r in rows],
            )
        )
    return out
