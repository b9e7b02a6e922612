"""Write the published JSON Schema of the JSON export: ``python -m centralasia.release.schema`` → docs/schema/releases.schema.json."""

from __future__ import annotations

import sys

from centralasia.publish.exports import SCHEMA_PATH, schema_text


def main() -> int:
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_PATH}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
