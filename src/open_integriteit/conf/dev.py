"""Local development and `make run`."""

from .base import *  # noqa: F403
from .env import config

DEBUG = config("DEBUG", False, "Django debug mode.")
