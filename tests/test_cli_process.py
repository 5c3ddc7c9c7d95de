"""A command run as its own process: what it loads and when (cli._collect_less)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_dataclasses_comes_without_inspect_until_inspect_is_used():
    out = _run(
        """
        import sys
        from reviewdesk import cli
        cli._load_inspect_when_used()
        import dataclasses
        import reviewdesk.record.model  # every record class has its own docstring
        print("inspect" in sys.modules, "ast" in sys.modules)
        signature = dataclasses.inspect.signature  # the stand-in: the real module on use
        import inspect
        print("inspect" in sys.modules, signature is inspect.signature, inspect.isclass(int))
        print(dataclasses.fields(reviewdesk.record.model.Decision)[0].name)
        """
    )
    assert out.splitlines() == ["False False", "True True True", "text"]


def test_every_record_class_has_a_docstring_of_its_own():
    # dataclasses writes one for a class without, with inspect.signature (and imports inspect)
    out = _run(
        """
        import dataclasses, importlib, pkgutil
        import reviewdesk.record, reviewdesk.store
        for package in (reviewdesk.record, reviewdesk.store):
            for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                module = importlib.import_module(info.name)
                for name, obj in vars(module).items():
                    if (
                        isinstance(obj, type)
                        and dataclasses.is_dataclass(obj)
                        and obj.__module__ == module.__name__
                        and (obj.__doc__ or "").startswith(name + "(")
                    ):
                        print(info.name, name)
        print("done")
        """
    )
    assert out == "done"
