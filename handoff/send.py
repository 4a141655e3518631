"""Sending one request: an e-mail over SMTP (aiosmtplib) and/or a webhook signed with HMAC-SHA256."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from email.message import EmailMessage
from email.utils import formatdate

import aiohttp
import aiosmtplib

from handoff.config import Inbox, Smtp
from handoff.store import Request

SIGNATURE_HEADER = "X-HDF-Signature"  # "sha256=<hex HMAC of the body>"
TIMEOUT_SECONDS = 30


def message_id(request: Request, smtp: Smtp) -> str:
    """The same for every attempt: receivers drop a copy they already have."""
    domain = smtp.sender.rpartition("@")[2] or "entreprendre-hdf.invalid"
    return f"<{request.reference.lower()}.{request.id}@{domain}>"


def summary_text(request: Request) -> str:
    return "\n".join(f"• {line}" for line in request.summary.get("lines", []))


def email(request: Request, inbox: Inbox, smtp: Smtp) -> EmailMessage:
    """The operator's e-mail: who to call back, how, and the summary the person agreed to send."""
    scheme = request.summary.get("scheme") or "—"
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = inbox.email
    message["Subject"] = f"Demande de contact {request.reference} — {scheme}"
    message["Message-ID"] = message_id(request, smtp)
    message["Date"] = formatdate(request.created_at, localtime=False)
    message["Reply-To"] = request.contact if "@" in request.contact else smtp.sender
    message.set_content(
        "Bonjour,\n\n"
        f"Une personne demande à être recontactée par un conseiller (référence {request.reference}), "
        "depuis l'assistant « Entreprendre en Hauts-de-France ». Elle a accepté que ce résumé vous "
        "soit transmis.\n\n"
        f"Nom : {request.name}\n"
        f"Pour la joindre : {request.contact}\n"
        f"Langue : {'anglais' if request.language == 'en' else 'français'}\n\n"
        f"Résumé :\n{summary_text(request)}\n\n"
        "Merci de la recontacter directement. Ses coordonnées ne servent qu'à cette réponse.\n"
    )
    return message


async def send_email(request: Request, inbox: Inbox, smtp: Smtp) -> None:
    await aiosmtplib.send(
        email(request, inbox, smtp),
        hostname=smtp.host,
        port=smtp.port,
        username=smtp.user or None,
        password=smtp.password or None,
        use_tls=smtp.tls == "tls",
        start_tls=True if smtp.tls == "starttls" else False,
        timeout=TIMEOUT_SECONDS,
    )


def webhook_body(request: Request, smtp: Smtp) -> bytes:
    return json.dumps(
        {
            "reference": request.reference,
            "idempotency_key": message_id(request, smtp),
            "created_at": request.created_at,
            "scheme_id": request.scheme_id,
            "name": request.name,
            "contact": request.contact,
            "language": request.language,
            "summary": request.summary,
        },
        ensure_ascii=False,
    ).encode("utf-8")


def signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


async def send_webhook(request: Request, inbox: Inbox, smtp: Smtp) -> None:
    """POSTs the request as JSON, signed with HDF_HANDOFF_WEBHOOK_SECRET; a 2xx answer is success."""
    secret = os.environ.get("HDF_HANDOFF_WEBHOOK_SECRET", "")
    if not secret:
        raise RuntimeError("HDF_HANDOFF_WEBHOOK_SECRET is not set: the webhook is not sent unsigned")
    body = webhook_body(request, smtp)
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature(body, secret),
        "Idempotency-Key": message_id(request, smtp),
    }
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.post(str(inbox.webhook), data=body, headers=headers) as response:
            if response.status // 100 != 2:
                raise RuntimeError(f"webhook answered HTTP {response.status}")
