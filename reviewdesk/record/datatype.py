"""``@datatype``: ``@dataclass`` whose methods are shared functions, or compiled only when
first needed, rather than code compiled for each class at every start.

Python 3.11's ``@dataclass`` compiles every method it adds from source text, at every start:
for the record's classes that was half of what a short command loads past the command line
(~0.3 ms a class, mostly its ``__init__``). Here:

* ``__init__`` is the one ``@dataclass`` generates (the same parameters, defaults, default
  factories, keyword-only fields, ``object.__setattr__`` for a frozen class), compiled when the
  class's first object is made: a command that makes none of a class's objects never compiles
  it. A field without a default after one with is refused when the class is made, as before.
* ``__repr__``: ``Name(field=value!r, ...)`` over the fields with ``repr=True``, ``...`` for a
  recursive reference;
* ``__eq__``: ``NotImplemented`` unless ``other`` is of the very same class, else the tuples of
  the fields with ``compare=True`` compared;
* ``__hash__``: ``None`` (unhashable) unless frozen, then the hash of the tuple of the fields
  that are compared (or have ``hash=True``).

A frozen class's ``__setattr__`` and ``__delattr__`` are still ``@dataclass``'s own. The class
is a dataclass as before: ``fields``, ``replace``, ``asdict`` and ``is_dataclass`` work on it.
``__post_init__`` and ``InitVar`` are not supported (a class that needs them uses
``@dataclass``). tests/record/test_datatype.py holds each class to what ``@dataclass`` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar

T = TypeVar("T")


def datatype(cls: type[T] | None = None, /, *, frozen: bool = False) -> Any:
    """``@datatype``, ``@datatype(frozen=True)``: as ``@dataclass``, ``@dataclass(frozen=True)``."""

    def wrap(cls: type[T]) -> type[T]:
        for name in ("__repr__", "__eq__", "__hash__", "__init__", "__post_init__"):
            if name in cls.__dict__:
                raise TypeError(f"{cls.__name__} defines {name}: use @dataclass")
        undocumented = not cls.__doc__
        if undocumented:
            cls.__doc__ = cls.__name__  # @dataclass would ask inspect for the signature
        cls = dataclass(cls, frozen=frozen, init=False, repr=False, eq=False)
        every = fields(cls)
        _check_order(cls, every)
        _add(cls, "__init__", _init_when_first_used(cls, frozen))
        if undocumented:
            cls.__doc__ = f"{cls.__name__}({', '.join(f.name for f in every if f.init)})"
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


def _check_order(cls: type, every: tuple[Field, ...]) -> None:
    """As ``@dataclass``: no field without a default after one with (keyword-only aside)."""
    defaulted = False
    for f in every:
        if not f.init or f.kw_only:
            continue
        if f.default is not MISSING or f.default_factory is not MISSING:
            defaulted = True
        elif defaulted:
            raise TypeError(
                f"{cls.__name__}: non-default argument {f.name!r} follows default argument"
            )


def _init_when_first_used(cls: type, frozen: bool) -> Callable[..., None]:
    """An ``__init__`` that, on the first object made, compiles the one ``@dataclass`` would
    have made, puts it on the class in its own place and runs it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        init = _init(cls, frozen)
        _add(cls, "__init__", init)
        init(self, *args, **kwargs)

    return __init__


class _Factory:
    """Stands for an argument not given whose field has a default factory."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _init(cls: type, frozen: bool) -> Callable[..., None]:
    """The ``__init__`` ``@dataclass`` generates: the init fields as parameters in order (the
    keyword-only ones after ``*``), each field's value set (a default factory called when its
    argument is not given), through ``object.__setattr__`` for a frozen class."""
    every = fields(cls)
    names = {f.name for f in every}
    this = "self" if "self" not in names else "__datatype_self__"
    space: dict[str, Any] = {
        "__datatype_factory__": _FACTORY,
        "__datatype_set__": object.__setattr__,
    }
    positional, keyword, body = [], [], []
    for f in every:
        default = f"__datatype_default_{f.name}__"
        if f.default is not MISSING:
            space[default] = f.default
        elif f.default_factory is not MISSING:
            space[default] = f.default_factory
        if f.init:
            if f.default is not MISSING:
                parameter, value = f"{f.name}={default}", f.name
            elif f.default_factory is not MISSING:
                parameter = f"{f.name}=__datatype_factory__"
                value = f"{default}() if {f.name} is __datatype_factory__ else {f.name}"
            else:
                parameter, value = f.name, f.name
            (keyword if f.kw_only else positional).append(parameter)
        elif f.default_factory is not MISSING:
            value = f"{default}()"
        elif f.default is not MISSING:
            value = default
        else:
            continue  # as @dataclass: a field neither given nor defaulted is left unset
        if frozen:
            body.append(f"__datatype_set__({this}, {f.name!r}, {value})")
        else:
            body.append(f"{this}.{f.name} = {value}")
    parameters = ", ".join([this, *positional, *(["*", *keyword] if keyword else [])])
    lines = "\n".join(f"    {line}" for line in body or ["pass"])
    exec(f"def __init__({parameters}):\n{lines}\n", space)  # field names only: identifiers
    return space["__init__"]


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
