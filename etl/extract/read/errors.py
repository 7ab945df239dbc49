"""The reading failure every reader raises: one line that names the file."""

from __future__ import annotations

import re


class ReadError(ValueError):
    """A file that cannot be turned into report text; the message is one line naming the file."""


def file_label(file_name: str) -> str:
    """A file name fit for a one-line message: a newline in it would break the one-line promise."""
    return re.sub(r"[\x00-\x1f\x7f]", "?", file_name)


def fail(file_name: str, problem: str) -> ReadError:
    """The `ReadError` for `problem` in `file_name`, for the caller to raise."""
    return ReadError(f"{file_label(file_name)}: {problem}")
