"""Sign-off (with the fingerprint of the record as signed), reopening, and the export log."""

from __future__ import annotations

import datetime as dt
import sqlite3

from reviewdesk.record import rules
from reviewdesk.record.errors import (
    ReviewdeskError,
    StorageError,
)
from reviewdesk.record.model import (
    SIDES,
    Reopening,
    Signature,
)
from reviewdesk.store import records, rowcheck
from reviewdesk.store.base import PortfolioBase, utc_now
from reviewdesk.store.images import normalised


def keep_signed(conn: sqlite3.Connection, meeting_id: int, imported_at: dt.datetime | None) -> str:
    """Keep the fingerprint of the meeting's record as it now stands as what was signed.

    Called inside the transaction that signs off (or imports a signed record), after the
    signatures are written: the record as signed includes them.
    """
    from reviewdesk.record.fingerprint import fingerprint  # only signing needs it

    signed = fingerprint(records.load_meeting(conn, meeting_id))
    conn.execute(
        "INSERT OR REPLACE INTO signoff (meeting_id, fingerprint, imported_at) VALUES (?, ?, ?)",
        (meeting_id, signed, imported_at.isoformat() if imported_at else None),
    )
    return signed


def keep_signed_records(conn: sqlite3.Connection) -> None:
    """On the upgrade that brings the signoff table: each signed-off meeting's record as it
    stands then is taken as what was signed. A meeting whose rows cannot be read is left
    without one (it cannot be exported until it is repaired or reopened)."""
    for (meeting_id,) in conn.execute(
        "SELECT id FROM meeting WHERE status = 'signed_off' ORDER BY id"
    ).fetchall():
        try:
            keep_signed(conn, meeting_id, None)
        except ReviewdeskError:
            continue


class SignoffCommands(PortfolioBase):
    def sign_off(self, meeting_id: int, signers: list[Signature]) -> None:
        """Record every signer at once and lock the meeting (needs a client and a provider).

        Signature images are stored scaled down to a small size (store.images).
        """
        self.meeting_status(meeting_id)  # NotFound before anything else
        rules.check_new_signoff(signers, records.participants(self.conn, meeting_id))
        for s in signers:
            rules.check_choice("signer side", s.side, SIDES)
        signers = normalised(signers)
        if not self.readonly:
            self.take_backup(f"before-signoff-m{meeting_id}")
        with self._write(meeting_id):
            self._insert_signatures(meeting_id, signers)
            self.conn.execute(
                "UPDATE meeting SET status = 'signed_off' WHERE id = ?", (meeting_id,)
            )
            self._check_size(meeting_id)
            keep_signed(self.conn, meeting_id, None)

    def reopen(self, meeting_id: int, reason: str, at: dt.datetime | None = None) -> None:
        """Unlock a signed-off meeting, voiding its signatures; the reason is kept."""
        if not reason.strip():
            raise StorageError("reason: a reopen needs a reason")
        if self.meeting_status(meeting_id) != "signed_off":
            raise StorageError(f"meeting {meeting_id} is not signed off; nothing to reopen")
        import json  # a reopening's only: not loaded by every command that opens a file

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
            self.conn.execute("DELETE FROM signoff WHERE meeting_id = ?", (meeting_id,))
            self.conn.execute(
                "UPDATE meeting SET status = 'in_progress' WHERE id = ?", (meeting_id,)
            )

    def reopenings(self, meeting_id: int) -> list[Reopening]:
        return records.reopenings(self.conn, meeting_id)

    def _insert_signatures(self, mid: int, signers: list[Signature]) -> None:
        """Insert signatures whose images went through :func:`normalised`."""
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
    ) -> int:
        """Log an export (committed); the log entry's id."""
        with self._write():
            return self._insert(
                "export_log",
                meeting_id=meeting_id,
                pdf_sha256=pdf_sha256,
                fingerprint=fingerprint,
                exported_at=(at or utc_now()).isoformat(),
            )

    def forget_export(self, export_id: int) -> None:
        """Remove a log entry whose PDF never landed (app.export)."""
        with self._write():
            self.conn.execute("DELETE FROM export_log WHERE id = ?", (export_id,))

    def exports_with_hash(self, pdf_sha256: str) -> list[tuple[int, str, str]]:
        """(meeting id, fingerprint, time) of every export whose PDF had this SHA-256."""
        t = "export_log"
        return [
            (
                r[1],
                rowcheck.digest(t, r[0], "fingerprint", r[2]),
                rowcheck.moment(t, r[0], "exported_at", r[3]).isoformat(),
            )
            for r in self.conn.execute(
                "SELECT id, meeting_id, fingerprint, exported_at FROM export_log "
                "WHERE pdf_sha256 = ? ORDER BY id DESC",
                (pdf_sha256,),
            )
        ]

    def meetings_claiming(self, fingerprint: str, pdf_sha256: str) -> list[int]:
        """Meetings a PDF may be the minutes of: those signed off with this record fingerprint,
        then those with an export of these bytes or of this fingerprint (newest first).

        Only a lead for ``verify``, which checks each one itself: the export log is not proof.
        """
        rows = self.conn.execute(
            "SELECT meeting_id FROM signoff WHERE fingerprint = ? "
            "UNION ALL SELECT meeting_id FROM (SELECT meeting_id FROM export_log "
            "WHERE pdf_sha256 = ? OR fingerprint = ? ORDER BY id DESC)",
            (fingerprint, pdf_sha256, fingerprint),
        ).fetchall()
        return list(dict.fromkeys(r[0] for r in rows))
