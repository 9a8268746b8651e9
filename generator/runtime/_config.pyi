# The contract of the generated `_config` module (templates/_config.py.jinja): what the
# runtime reads from it. This stub is never copied; each generated package has the real one.
import httpx2

class ClientError(Exception): ...

USER_AGENT: str
LOG_ENV: str
DEFAULT_HEADERS: dict[str, str]
DEFAULT_TIMEOUT: httpx2.Timeout
DEFAULT_MAX_RETRIES: int
