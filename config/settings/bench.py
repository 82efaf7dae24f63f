"""`make bench`: production settings, plus the demo content to measure pages with."""

from .prod import *  # noqa: F403
from .prod import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
