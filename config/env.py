"""Typed reading of environment variables, for the settings modules.

`env("NAME", default)` returns a string; `env.bool`, `env.int`, `env.float`
and `env.list` convert it. A variable with neither value nor default, or
with a value its type cannot take (`DJANGO_DEBUG=maybe`), stops start-up
with an `ImproperlyConfigured` naming the variable.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE = frozenset({"true", "1", "yes", "on"})
FALSE = frozenset({"false", "0", "no", "off", ""})
_UNSET = object()


class Env:
    def __init__(self, environ=None):
        self.environ = os.environ if environ is None else environ

    def __call__(self, name: str, default=_UNSET) -> str:
        value = self.environ.get(name)
        if value is not None:
            return value
        if default is _UNSET:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return default

    def bool(self, name: str, default=_UNSET) -> bool:
        value = self._raw(name, default)
        if isinstance(value, bool):
            return value
        word = value.strip().lower()
        if word in TRUE:
            return True
        if word in FALSE:
            return False
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a boolean: use true/false, 1/0, yes/no or on/off."
        )

    def int(self, name: str, default=_UNSET) -> int:
        return self._number(name, default, int, "a whole number")

    def float(self, name: str, default=_UNSET) -> float:
        return self._number(name, default, float, "a number")

    def list(self, name: str, default=()) -> list[str]:
        """Comma-separated values, blanks dropped."""
        value = self._raw(name, ",".join(default))
        return [item.strip() for item in value.split(",") if item.strip()]

    def _raw(self, name, default):
        value = self.environ.get(name)
        if value is None:
            if default is _UNSET:
                raise ImproperlyConfigured(f"Set the environment variable {name}.")
            return default
        return value

    def _number(self, name, default, kind, words):
        value = self._raw(name, default)
        if not isinstance(value, str):
            return value
        try:
            number = kind(value.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name}={value!r} is not {words}.") from None
        if number < 0:
            raise ImproperlyConfigured(f"{name}={value!r} must not be negative.")
        return number


env = Env()
