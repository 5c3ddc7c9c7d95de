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


def _parameters(function):
    import inspect

    return [
        (p.name, p.kind, p.default if p.default is not dataclasses.MISSING else "missing")
        for p in inspect.signature(function).parameters.values()
    ]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_init_is_the_one_dataclass_makes_once_an_object_is_made(cls):
    twin = _twin(cls)
    cls(**_values(cls))
    ours, theirs = _parameters(cls.__init__), _parameters(twin.__init__)
    factory = [
        name for name, _kind, default in theirs if default is dataclasses._HAS_DEFAULT_FACTORY
    ]
    assert [p[:2] for p in ours] == [p[:2] for p in theirs]
    for (name, _kind, mine), (_name, _kind2, its) in zip(ours, theirs, strict=True):
        if name not in factory:
            assert mine is its or mine == its, name
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
    positional = list(_values(cls).values())
    assert cls(*positional) == cls(**_values(cls))


def test_the_first_object_compiles_init_and_the_class_keeps_it():
    @datatype
    class Late:
        """A class made here."""

        x: int
        items: list = dataclasses.field(default_factory=list)

    lazy = Late.__init__
    first = Late(1)
    assert Late.__init__ is not lazy
    second = Late(2, [3])
    assert (first.x, first.items, second.x, second.items) == (1, [], 2, [3])
    assert Late(1).items is not first.items  # a new list for each object


def test_init_edge_cases_as_dataclass():
    for decorate in (datatype, dataclasses.dataclass):

        @decorate(frozen=True)
        class Frozen:
            a: int
            b: list = dataclasses.field(default_factory=list)
            c: int = dataclasses.field(default=5, init=False)
            d: list = dataclasses.field(default_factory=lambda: [1], init=False)
            e: int = dataclasses.field(default=0, kw_only=True)
            f: int = dataclasses.field(init=False)

        made = Frozen(1, e=2)
        assert (made.a, made.b, made.c, made.d, made.e) == (1, [], 5, [1], 2), decorate
        assert not hasattr(made, "f")
        with pytest.raises(TypeError):
            Frozen(1, [], 3)  # e is keyword-only
        with pytest.raises(TypeError):
            Frozen()
        with pytest.raises(TypeError):
            Frozen(1, nothing=2)

        @decorate
        class Itself:
            self: int
            other: str = "x"

        assert (Itself(4).self, Itself(self=5, other="y").other) == (4, "y")


def test_a_field_without_default_after_one_with_is_refused_at_once():
    with pytest.raises(TypeError, match="follows default argument"):

        @datatype
        class Wrong:
            a: int = 0
            b: int


def test_a_subclass_that_is_not_a_datatype_makes_objects_as_its_base():
    @datatype
    class Base:
        """A base."""

        x: int

    class Child(Base):
        pass

    assert Child(3).x == 3 and Base(4) == Base(4) and Child(3) != Base(3)


def test_a_class_without_docstring_gets_its_signature_as_dataclass_gives():
    @datatype
    class Plain:
        a: int
        b: str = ""

    assert Plain.__doc__ == "Plain(a, b)"
