# The contract of the generated `_exceptions` module (templates/_exceptions.py.jinja): what
# the runtime reads from it. This stub is never copied; each generated package has the real one.
from collections.abc import Mapping

from ._errors import APIStatusError

STATUS_ERRORS: Mapping[int, type[APIStatusError]]
SERVER_ERROR: type[APIStatusError]
