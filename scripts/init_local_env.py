#!/usr/bin/env python3
"""Write var/local.env once: a Django secret key, an AES-256 key and the receipt pepper.

Run by `make run`. Never overwrites an existing file (the keys decrypt your data).
"""

from __future__ import annotations

import base64
import os
import secrets
import sys
from pathlib import Path

path = Path(sys.argv[1] if len(sys.argv) > 1 else "var/local.env")
if path.exists():
    print(f"{path} exists; keys kept.")
    sys.exit(0)
path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # var/: database, keys, files, mails
content = (
    "# Generated once by `make run`. These keys decrypt the local data: keep them, never commit them.\n"
    f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
    f"OI_ENCRYPTION_KEYS=k1:{base64.b64encode(secrets.token_bytes(32)).decode()}\n"
    "OI_ACTIVE_KEY_ID=k1\n"
    f"OI_RECEIPT_PEPPER={base64.b64encode(secrets.token_bytes(32)).decode()}\n"
)
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as handle:
    handle.write(content)
print(f"Wrote new local keys to {path}.")
