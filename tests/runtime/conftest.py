"""The runtime tested where it lives, as `generator.runtime`.

The runtime reads two generated modules, `_config` and `_exceptions`, which exist only in a
generated package. The ones of the `bearer_auth` golden record (committed, and checked by
`make check` to be what the templates print) are put on `generator.runtime`'s search path,
after the runtime's own folder, so every other module is the runtime's own file.
"""

from __future__ import annotations

import generator.runtime

from ..helpers import ROOT

GOLDEN_PACKAGE = ROOT / "tests" / "golden" / "bearer_auth" / "expected" / "widgets"

generator.runtime.__path__.append(str(GOLDEN_PACKAGE))
