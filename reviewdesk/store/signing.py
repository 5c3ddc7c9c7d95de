"""Sign-off, reopening, and the log of exported minutes."""

from __future__ import annotations

import datetime as dt
import json

from reviewdesk.record import rules
from reviewdesk.record.errors import (
    StorageError,
)
from reviewdesk.record.model import (
    SIDES,
    Reopening,
    Signature,
)
from reviewdesk.store import queries
from reviewdesk.store.base import PortfolioBase, utc_now


class SignoffCommands(PortfolioBase):
    def sign_off(self, meeting_id: int, signers: list[Signature]) -> None:
        """Record every signer at once and lock the meeting (needs a client and a provider)."""
        from reviewdesk.record.exchange.png import is_png

        self.meeting_status(meeting_id)  # NotFound before anything else
        rules.check_new_signoff(signers, queries.participants(self.conn, meeting_id))
        for s in signers:
            rules.check_choice("signer side", s.side, SIDES)
            if s.signature_png is not None and not is_png(s.signature_png):
                raise StorageError(f"signature of {s.name}: not a whole PNG image")
        if not self.readonly:
            self.take_backup(f"before-signoff-m{meeting_id}")
        with self._write(meeting_id):
            self._insert_signatures(meeting_id, signers)
            self.conn.execute(
                "UPDATE meeting SET status = 'signed_off' WHERE id = ?", (meeting_id,)
            )

    def reopen(self, meeting_id: int, reason: str, at: dt.datetime | None = None) -> None:
        """Unlock a signed-off meeting, voiding its signatures; the reason is kept."""
        if not reason.strip():
            raise StorageError("reason: a reopen needs a reason")
        if self.meeting_status(meeting_id) != "signed_off":
            raise StorageError(f"meeting {meeting_id} is not signed off; nothing to reopen")
        at = at or utc_now()
        with self._write():
            voided = [
                r[0]
                for r in self.conn.execute(
                    "SELECT name FROM signature WHERE meeting_id = ? ORDER BY position",
                    (meeting_id,),
                )
            ]
            self._insert(
                "reopening",
                meeting_id=meeting_id,
                reopened_at=at.isoformat(),
                reason=reason,
                voided=json.dumps(voided, ensure_ascii=False),
            )
            self.conn.execute("DELETE FROM signature WHERE meeting_id = ?", (meeting_id,))
            self.conn.execute(
                "UPDATE meeting SET status = 'in_progress' WHERE id = ?", (meeting_id,)
            )

    def reopenings(self, meeting_id: int) -> list[Reopening]:
        return queries.reopenings(self.conn, meeting_id)

    def _insert_signatures(self, mid: int, signers: list[Signature]) -> None:
        for pos, s in enumerate(signers):
            self._insert(
                "signature",
                meeting_id=mid,
                position=pos,
                name=s.name,
                side=s.side,
                role=s.role,
                signed_at=s.signed_at_iso,
                png=s.signature_png,
            )

    def record_export(
        self, meeting_id: int, pdf_sha256: str, fingerprint: str, at: dt.datetime | None = None
    ) -> None:
        with self._write():
            self._insert(
                "export_log",
                meeting_id=meeting_id,
                pdf_sha256=pdf_sha256,
                fingerprint=fingerprint,
                exported_at=(at or utc_now()).isoformat(),
            )

    def exports_with_hash(self, pdf_sha256: str) -> list[tuple[int, str, str]]:
        """(meeting id, fingerprint, time) of every export whose PDF had this SHA-256."""
        return [
            (r[0], r[1], r[2])
            for r in self.conn.execute(
                "SELECT meeting_id, fingerprint, exported_at FROM export_log "
                "WHERE pdf_sha256 = ? ORDER BY id DESC",
                (pdf_sha256,),
            )
        ]
