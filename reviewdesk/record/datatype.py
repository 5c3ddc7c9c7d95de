"""``@datatype``: ``@dataclass`` whose ``__repr__``, ``__eq__`` and ``__hash__`` are shared
functions rather than code compiled for each class.

Python 3.11's ``@dataclass`` compiles every method it adds from source text, at every start:
for the record's classes that was a third of a short command's own time. Here only
``__init__`` (and a frozen class's ``__setattr__`` and ``__delattr__``) are compiled; the others
are closures over the field names doing what the generated ones do:

* ``__repr__``: ``Name(field=value!r, ...)`` over the fields with ``repr=True``, ``...`` for a
  recursive reference;
* ``__eq__``: ``NotImplemented`` unless ``other`` is of the very same class, else the tuples of
  the fields with ``compare=True`` compared;
* ``__hash__``: ``None`` (unhashable) unless frozen, then the hash of the tuple of the fields
  that are compared (or have ``hash=True``).

The class is a dataclass as before: ``fields``, ``replace``, ``asdict`` and ``is_dataclass``
work on it. tests/record/test_datatype.py holds each class to what ``@dataclass`` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar

T = TypeVar("T")


def datatype(cls: type[T] | None = None, /, *, frozen: bool = False) -> Any:
    """``@datatype``, ``@datatype(frozen=True)``: as ``@dataclass``, ``@dataclass(frozen=True)``."""

    def wrap(cls: type[T]) -> type[T]:
        for name in ("__repr__", "__eq__", "__hash__"):
            if name in cls.__dict__:
                raise TypeError(f"{cls.__name__} defines {name}: use @dataclass")
        cls = dataclass(cls, frozen=frozen, repr=False, eq=False)
        every = fields(cls)
        _add(cls, "__repr__", _repr([f.name for f in every if f.repr]))
        _add(cls, "__eq__", _eq(_values([f.name for f in every if f.compare])))
        hashed = [f.name for f in every if (f.compare if f.hash is None else f.hash)]
        if frozen:
            _add(cls, "__hash__", _hash(_values(hashed)))
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # as @dataclass: equal, so unhashable
        return cls

    return wrap if cls is None else wrap(cls)


def _add(cls: type, name: str, function: Callable) -> None:
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, function)


def _values(names: list[str]) -> Callable[[Any], tuple]:
    """The field values of an object as a tuple (also of one field, or of none)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _repr(names: list[str]) -> Callable[[Any], str]:
    @recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _eq(values: Callable[[Any], tuple]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__
