"""Errors the domain and store raise for the user to read (never a traceback)."""

from __future__ import annotations


class ReviewdeskError(Exception):
    """Base of every error that is shown to the user as one line.

    ``detail`` is the technical sentence behind it (a parser's message), for the window's
    "Show Details" and never in place of the plain words.
    """

    def __init__(self, *args: object, detail: str = "") -> None:
        super().__init__(*args)
        self.detail = detail


class FormatError(ReviewdeskError):
    """A value in a meeting file or template is wrong; ``where`` names the field."""

    def __init__(self, where: str, problem: str, detail: str = "") -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem, detail=detail)


class SignOffError(ReviewdeskError):
    """A sign-off that the rules refuse."""


class MeetingLocked(ReviewdeskError):
    """An edit to a meeting that is signed off."""


class NotFound(ReviewdeskError):
    """No such meeting, partnership, goal or action."""


class FileRefused(ReviewdeskError):
    """The portfolio file cannot be opened; it was left untouched."""


class ReadOnlyPortfolio(ReviewdeskError):
    """An edit to a portfolio that was opened read-only."""


class StorageError(ReviewdeskError):
    """The file could not be written (disk full, permissions...); nothing was changed."""


class InvalidValue(StorageError):
    """A value the record's rules refuse (an empty name, an unknown status); nothing was written."""


class DamagedRecord(ReviewdeskError):
    """A value in the portfolio file that breaks the record's rules (written around reviewdesk,
    or damaged); the message names the table, the row and the column."""


class LimitReached(InvalidValue):
    """A meeting would hold more than reviewdesk allows (record.limits); nothing was written."""


class InputRefused(ReviewdeskError):
    """A file given to reviewdesk that it will not read (not a regular file, or too big)."""
