"""Content Credentials (C2PA): every finished MP4 signed, and any MP4 read back and validated.

Signing and reading are `c2pa-python`'s (the C2PA reference implementation, c2pa-rs, underneath),
offline: no timestamp authority (`ta_url=None`), no fetching of remote manifests or OCSP answers
while reading a stranger's upload.

The signing identity: c2pa-rs refuses a self-signed certificate as the signer, so on first use
this server makes a private root CA and a leaf certificate it issues (ES256; key usage
digitalSignature, extended key usage emailProtection, one of those C2PA allows) in its var folder,
readable by its owner only, unless the operator names their own certificate chain and key.
Validation trusts this server's root (`trust.user_anchors`) and any roots the operator adds.

Pure Python (no Django): the pipeline, the worker and the bench call it with paths.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import c2pa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

AI_MADE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
RENDER_LABEL = "org.sora.render"  # our assertion: which server, job, person and engine
MP4 = "video/mp4"
ROOT_NAME, CHAIN_NAME, KEY_NAME = "root.pem", "signer.pem", "signer.key"


class CredentialsError(Exception):
    """Signing failed (the message says why, for the operator)."""


@dataclass(frozen=True)
class Identity:
    chain: bytes  # PEM: the signing certificate first, then its issuers
    key: bytes  # PEM private key of the signing certificate
    anchors: str  # PEM roots that validation trusts


def identity_ensure(directory: Path, *, organisation: str) -> None:
    """Make the private root and the signing certificate in `directory`, unless they exist.

    The web server and the worker may both get here first: the three files are written into a
    private temporary folder that is renamed into place, so the process that loses the race
    uses the winner's. Every file is readable by its owner only (0600).
    """
    directory = Path(directory)
    if (directory / KEY_NAME).exists():
        return
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=directory.parent, prefix=".c2pa-"))  # mode 0700
    now = datetime.datetime.now(datetime.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name(f"{organisation} content credentials root", organisation)
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=365 * 20))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{organisation} video signer", organisation))
        .issuer_name(root_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=365 * 10))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    files = {
        ROOT_NAME: root.public_bytes(pem),
        CHAIN_NAME: leaf.public_bytes(pem) + root.public_bytes(pem),
        KEY_NAME: leaf_key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    }
    for name, data in files.items():
        descriptor = os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    # The root's key is not kept: nothing else is ever issued, so nothing can leak it.
    try:
        os.rename(staging, directory)
    except OSError:  # another process made it first (or the folder exists, empty)
        for name in files:
            (staging / name).unlink(missing_ok=True)
        staging.rmdir()
        if not (directory / KEY_NAME).exists():
            raise


def identity_load(*, chain: Path, key: Path, anchors: Iterable[Path]) -> Identity:
    roots = "".join(Path(path).read_text() for path in anchors)
    return Identity(chain=Path(chain).read_bytes(), key=Path(key).read_bytes(), anchors=roots)


def manifest_for(
    *,
    title: str,
    server: str,
    claim: dict,
    agent: str,
    when: str,
) -> dict:
    """The manifest definition: AI-made (c2pa.created, trainedAlgorithmicMedia), by which
    software and when, and our own assertion with the render's facts (`claim`)."""
    return {
        "claim_generator_info": [{"name": "sora (open)", "version": "1"}],
        "title": title[:200],
        "format": MP4,
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.created",
                            "digitalSourceType": AI_MADE,
                            "softwareAgent": {"name": agent},
                            "when": when,
                        }
                    ]
                },
            },
            {"label": RENDER_LABEL, "data": {"server": server, **claim}},
        ],
    }


def sign(path: Path, *, manifest: dict, identity: Identity, parent: Path | None = None) -> bool:
    """Sign the MP4 at `path` in place; `parent` (a remixed clip) becomes its parentOf ingredient,
    with that clip's own credentials, so the lineage travels inside the file.

    Returns whether the parent went in: a parent c2pa cannot read as an MP4 (damaged on disk)
    is left out rather than failing the remix; the claim still names the job it remixes.
    """
    path = Path(path)
    signed = path.with_name(f".{path.name}.signed")
    parent_added = False
    try:
        context = c2pa.Context.from_dict(_settings(identity.anchors))
        info = c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, identity.chain, identity.key, None)
        with c2pa.Signer.from_info(info) as signer, c2pa.Builder(manifest, context) as builder:
            if parent is not None:
                with open(parent, "rb") as ingredient:
                    try:
                        builder.add_ingredient(
                            {"title": "The video this remixes", "relationship": "parentOf"}, MP4, ingredient
                        )
                        parent_added = True
                    except c2pa.C2paError:
                        pass
            with open(path, "rb") as source, open(signed, "w+b") as target:
                builder.sign(signer, MP4, source, target)
        os.replace(signed, path)
    except (c2pa.C2paError, OSError, ValueError) as error:
        signed.unlink(missing_ok=True)
        raise CredentialsError(f"{type(error).__name__}: {error}") from error
    return parent_added


@dataclass
class Manifest:
    """One manifest of a file: the active one, or one of its ingredients'."""

    label: str
    title: str
    signer: str  # the signing certificate's organisation and name, as c2pa reports them
    when: str  # from the c2pa.created action
    ai_made: bool
    render: dict | None  # our assertion, if the manifest is one of ours (of any server)
    parents: list[Manifest] = field(default_factory=list)  # parentOf ingredients


@dataclass
class Credentials:
    state: str  # "none", "trusted", "valid" (signed, but by no root we trust) or "invalid"
    manifest: Manifest | None = None
    problems: list[str] = field(default_factory=list)  # why it is invalid, in c2pa's words
    detail: str = ""  # when the file could not be read at all
    # The claim's signature checks out and its certificate chains to a root we trust, even if
    # the file was changed after signing: then what the claim says is still the signer's word.
    signer_trusted: bool = False

    @property
    def altered(self) -> bool:
        return self.state == "invalid"


def read(path: Path, *, anchors: str) -> Credentials:
    """The credentials in the MP4 at `path`, validated against `anchors`. Never raises for a
    bad file: a file that is no MP4, or carries no manifest, reads as state "none"."""
    try:
        context = c2pa.Context.from_dict(_settings(anchors))
        with open(path, "rb") as stream:
            reader = c2pa.Reader.try_create(MP4, stream, context=context)
            if reader is None:
                return Credentials("none")
            with reader:
                store = json.loads(reader.json())
                state = (reader.get_validation_state() or "").lower()
                results = reader.get_validation_results() or {}
    except (c2pa.C2paError, OSError, ValueError) as error:
        return Credentials("none", detail=f"{type(error).__name__}: {error}")
    manifests = store.get("manifests", {})
    active = store.get("active_manifest")
    if active not in manifests:
        return Credentials("none", detail="no active manifest")
    outcome = results.get("activeManifest") or {}
    failures = [item.get("explanation") or item.get("code", "") for item in outcome.get("failure", [])]
    passed = {item.get("code") for item in outcome.get("success", [])}
    if state not in ("trusted", "valid"):
        state = "invalid"
    return Credentials(
        state,
        manifest=_manifest(manifests, active, depth=0),
        problems=failures,
        signer_trusted={"signingCredential.trusted", "claimSignature.validated"} <= passed,
    )


def _manifest(manifests: dict, label: str, *, depth: int) -> Manifest:
    data = manifests[label]
    signature = data.get("signature_info") or {}
    created = {}
    for assertion in data.get("assertions", []):
        if assertion.get("label", "").startswith("c2pa.actions"):
            for action in assertion.get("data", {}).get("actions", []):
                if action.get("action") == "c2pa.created":
                    created = action
    render = next((a.get("data") for a in data.get("assertions", []) if a.get("label") == RENDER_LABEL), None)
    parents = []
    if depth < 50:  # a remix chain is at most 50 deep (remix.models.MAX_DEPTH)
        for ingredient in data.get("ingredients", []):
            parent = ingredient.get("active_manifest")
            if ingredient.get("relationship") == "parentOf" and parent in manifests:
                parents.append(_manifest(manifests, parent, depth=depth + 1))
    return Manifest(
        label=label,
        title=data.get("title", ""),
        signer=" / ".join(part for part in (signature.get("issuer"), signature.get("common_name")) if part),
        when=created.get("when", ""),
        ai_made=created.get("digitalSourceType") == AI_MADE,
        render=render if isinstance(render, dict) else None,
        parents=parents,
    )


def _settings(anchors: str) -> dict:
    settings: dict = {
        # A stranger's upload must not make this server fetch URLs it names.
        "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
        "builder": {"thumbnail": {"enabled": False}},
    }
    if anchors:
        settings["trust"] = {"user_anchors": anchors}
    return settings


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
        ]
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )
