"""The client class: its settings, the credentials it takes and where it sends them, and the
error classes it raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.model.prose import fill
from generator.pycode import python_string, visible

AuthLocation = Literal["header", "query", "cookie"]
AuthKind = Literal["api_key", "bearer", "basic"]


@dataclass(frozen=True)
class ErrorClass:
    class_name: str
    parent: str
    status: int | None
    """The status this class is raised for; None for the class of every other status >= 500."""

    @property
    def doc(self) -> str:
        if self.status is None:
            return "Raised for an HTTP status of 500 or above that has no class of its own."
        return f"Raised for HTTP status {self.status}."


@dataclass(frozen=True)
class Credential:
    """A constructor argument (and client attribute) that holds a secret, and the environment
    variable read when it is not given."""

    argument: str
    env: str

    @property
    def env_constant(self) -> str:
        """The `_client` module constant holding `env`; arguments are unique and lower case, so
        these are unique too."""
        return f"ENV_{self.argument.upper()}"


#: Where `Credentials` (the runtime's) keeps the credentials sent in each place.
_CREDENTIALS_FIELD: dict[AuthLocation, str] = {
    "header": "headers",
    "query": "query",
    "cookie": "cookies",
}


@dataclass(frozen=True)
class AuthScheme:
    """One way the client authenticates: the credentials it takes (from their constructor
    arguments, else their environment variables) and where it sends them on every request."""

    schemes: tuple[str, ...]
    """What the spec calls it: its keys under `components/securitySchemes` (several sending
    the same thing in one place are one), or the name of the parameter it was found as."""
    location: AuthLocation
    name: str
    """The header (in lower case), query parameter or cookie it travels in."""
    kind: AuthKind
    """`api_key`: the credential as it is; `bearer`: after `Bearer `; `basic`: a username
    and a password, written as HTTP basic authentication."""
    credentials: tuple[Credential, ...]
    """Its arguments: one, or for HTTP basic the username's then the password's."""

    @property
    def scheme(self) -> str:
        """The name a message uses for it: its first scheme's."""
        return self.schemes[0]

    @property
    def arguments(self) -> tuple[str, ...]:
        return tuple(credential.argument for credential in self.credentials)

    @property
    def given(self) -> str:
        """The Python condition under which it is sent: each of its arguments given."""
        return " and ".join(f"{argument} is not None" for argument in self.arguments)

    @property
    def missing(self) -> str:
        """The Python condition under which it is not sent."""
        missing = " or ".join(f"{argument} is None" for argument in self.arguments)
        return f"({missing})" if len(self.arguments) > 1 else missing

    @property
    def incomplete(self) -> str | None:
        """The Python condition under which only part of it was given (a username without
        its password, say), which the client refuses rather than send the other alone."""
        if len(self.arguments) != 2:
            return None
        first, second = self.arguments
        return f"({first} is None) != ({second} is None)"

    @property
    def incomplete_message(self) -> str:
        return (
            f"{self.offered} go together: pass both to the client, or set "
            f"{self.variables}; only one of them was given"
        )

    @property
    def target(self) -> str:
        """Where `_credentials` puts it: `headers["x-api-key"]`, `query["key"]`..."""
        return f"{_CREDENTIALS_FIELD[self.location]}[{python_string(self.name)}]"

    @property
    def value(self) -> str:
        """The Python expression of what is sent: the argument, after `Bearer ` for a bearer
        token, or the HTTP basic value of username and password."""
        if self.kind == "basic":
            return f"basic_auth({', '.join(self.arguments)})"
        if self.kind == "bearer":
            return f'"Bearer " + {self.arguments[0]}'
        return self.arguments[0]

    @property
    def place(self) -> str:
        """Where it travels, for a message: the header `x-api-key`, the query parameter `key`."""
        where = "query parameter" if self.location == "query" else self.location
        return f"the {where} `{self.name}`"

    @property
    def sent_as(self) -> str:
        """How the client docstring shows the credential on the wire."""
        if self.kind == "bearer":
            return f"`{self.name}: Bearer <{self.arguments[0]}>`"
        if self.kind == "basic":
            return f"`{self.name}: Basic <base64 of {':'.join(self.arguments)}>`"
        if self.location == "header":
            return f"`{self.name}`"
        return self.place

    @property
    def offered(self) -> str:
        """The arguments as a message offers them: `api_key=`, `username= and password=`."""
        return " and ".join(f"{argument}=" for argument in self.arguments)

    @property
    def variables(self) -> str:
        """Its environment variables as a message names them."""
        return " and ".join(credential.env for credential in self.credentials)

    @property
    def docs(self) -> tuple[str, ...]:
        """The client docstring's entry for each of its arguments, wrapped."""
        return tuple(
            fill(
                f"Sent {self._with(credential)}as {self.sent_as}; defaults to ${credential.env}.",
                initial_indent=f"{credential.argument}: ",
                subsequent_indent="  ",
            )
            for credential in self.credentials
        )

    def _with(self, credential: Credential) -> str:
        others = [f"`{c.argument}`" for c in self.credentials if c is not credential]
        return f"with {' and '.join(others)} " if others else ""


def _either(words: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`: what a message offers as alternatives."""
    return " or ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


@dataclass(frozen=True)
class ClientConfig:
    sync_class: str
    async_class: str
    base_url: str
    base_url_env: str
    log_env: str
    auth: tuple[AuthScheme, ...]
    """Every way the client authenticates, in the spec's order. Each one given is sent (the
    server accepts any it knows, as with the official SDK); without any, construction fails.
    None at all: the spec declares no credential, and the client takes none."""
    default_headers: tuple[tuple[str, str], ...]
    timeout: float
    connect_timeout: float
    max_retries: int

    @property
    def credentials(self) -> tuple[Credential, ...]:
        """Every credential argument, in order: each a constructor argument and attribute."""
        return tuple(credential for scheme in self.auth for credential in scheme.credentials)

    @property
    def basic(self) -> bool:
        """Whether a scheme is HTTP basic, so that `_client` imports `basic_auth`."""
        return any(scheme.kind == "basic" for scheme in self.auth)

    @property
    def auth_parameters(self) -> str:
        """The credential parameters of a function that takes them all, each maybe None."""
        return ", ".join(f"{c.argument}: str | None" for c in self.credentials)

    @property
    def auth_arguments(self) -> str:
        """The credential arguments as a call passes them on, in order: `api_key, auth_token`."""
        return ", ".join(c.argument for c in self.credentials)

    @property
    def no_credentials(self) -> str:
        """The Python condition under which the client has nothing to authenticate with."""
        return " and ".join(scheme.missing for scheme in self.auth)

    @property
    def no_credentials_message(self) -> str:
        """The error's text: every argument and every variable that would do, and no value."""
        arguments = _either([scheme.offered for scheme in self.auth])
        variables = _either([scheme.variables for scheme in self.auth])
        plural = "s" if len(self.credentials) > len(self.auth) else ""
        return (
            f"No credentials: pass {arguments} to the client, "
            f"or set the environment variable{plural} {variables}"
        )

    @property
    def clashes(self) -> tuple[tuple[str, str], ...]:
        """For each place that schemes of different kinds share (a bearer token and HTTP basic,
        both in `authorization`): the Python condition under which more than one of them was
        given, and the error's text. Only one can be sent there, so none is chosen silently."""
        places: dict[tuple[str, str], list[AuthScheme]] = {}
        for scheme in self.auth:
            places.setdefault((scheme.location, scheme.name), []).append(scheme)
        return tuple(
            (
                f"sum(({', '.join(f'({s.given})' for s in sharing)})) > 1",
                f"Only one credential can be sent in {sharing[0].place}: give "
                f"{', or '.join(s.offered for s in sharing)} (as arguments or environment "
                "variables), not more than one",
            )
            for sharing in places.values()
            if len(sharing) > 1
        )

    @property
    def credential_sources(self) -> str:
        """Where the client finds each credential, for the package README."""
        return ", ".join(f"`{visible(c.env)}` (or `{c.argument}=`)" for c in self.credentials)

    @property
    def auth_doc(self) -> str:
        """What the client docstring says of its credentials as a whole."""
        if not self.auth:
            return "The API takes no credentials."
        if len(self.credentials) == 1:
            return "Without its credential, construction fails."
        if len(self.auth) == 1:
            return "Without its credentials, construction fails."
        return "Each credential given is sent with every request; without any, construction fails."
