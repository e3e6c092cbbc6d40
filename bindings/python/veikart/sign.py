# libveikart - phase state machines for service innovation methodologies
# SPDX-License-Identifier: MIT
"""Signatures: Ed25519 keys, keyrings, signers and seals (veikart/sign.h).

A journal given a Signer (`Journal.sign_with()`) signs each event it
appends with the key of the event's actor, or the host's key.
`Journal.verify_signatures()` checks every signature against a Keyring,
and `Journal.seal()` / `Journal.check_seal()` sign and check the head of
the whole file.
"""

import os

from ._native import ffi, lib
from ._util import from_c, take_string, to_c
from .enums import _make
from .errors import check

KeyPolicy = _make(
    "KeyPolicy",
    "veikart_key_policy",
    "VEIKART_KEY_",
    "veikart_key_policy_name",
    "What a keyring says of a key: MUST_SIGN, MAY_SIGN (a person's) or HOST.",
)


def _options():
    opts = ffi.new("veikart_sign_options *")
    check(lib.veikart_sign_options_init(opts, lib.VEIKART_SIGN_OPTIONS_VERSION))
    return opts


class Key:
    """An Ed25519 key pair: a person's (named after them, as events name
    their actor) or, without a name, a host's, which signs for anyone."""

    def __init__(self, ptr):
        self._ptr = ffi.gc(ptr, lib.veikart_key_free)

    @classmethod
    def generate(cls, name=None):
        """A new key from the system's random source."""
        out = ffi.new("veikart_key **")
        check(lib.veikart_key_generate(out, to_c(name), _options()))
        return cls(out[0])

    @classmethod
    def load(cls, path):
        """Read a secret key file."""
        out = ffi.new("veikart_key **")
        check(lib.veikart_key_load(out, to_c(os.fspath(path)), _options()))
        return cls(out[0])

    def save(self, path):
        """Write a new secret key file, mode 0600 (ExistsError if it is there)."""
        check(lib.veikart_key_save(self._ptr, to_c(os.fspath(path))))

    @property
    def id(self):
        """The key id: the first 16 hex digits of the SHA-256 of the public key."""
        return from_c(lib.veikart_key_id(self._ptr))

    @property
    def name(self):
        """Whom the key belongs to; None for a host's key."""
        return from_c(lib.veikart_key_name(self._ptr))

    def public_line(self, policy=None):
        """The key's line for a keyring (public key only).  The policy is
        MUST_SIGN for a person's key and HOST for a host's unless given."""
        if policy is None:
            policy = KeyPolicy.HOST if self.name is None else KeyPolicy.MUST_SIGN
        out = ffi.new("char **")
        check(lib.veikart_key_public_line(out, self._ptr, KeyPolicy.of(policy)))
        length = ffi.new("size_t *", len(ffi.string(out[0])))
        return take_string(out, length)

    def __repr__(self):
        return "<Key %s %s>" % (self.id, self.name if self.name is not None else "(host)")


class Keyring:
    """The public keys a verifier trusts, with their owners and policies."""

    def __init__(self, ptr):
        self._ptr = ffi.gc(ptr, lib.veikart_keyring_free)

    @classmethod
    def parse(cls, text):
        """A keyring from its text (`veikart-keyring 1`, then key lines)."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        out = ffi.new("veikart_keyring **")
        check(lib.veikart_keyring_parse(out, data, len(data), _options()))
        return cls(out[0])

    @classmethod
    def load(cls, path):
        """A keyring from a file."""
        out = ffi.new("veikart_keyring **")
        check(lib.veikart_keyring_load(out, to_c(os.fspath(path)), _options()))
        return cls(out[0])

    @classmethod
    def of(cls, *lines):
        """A keyring of key lines (Key.public_line())."""
        return cls.parse("veikart-keyring 1\n" + "".join(lines))

    def __len__(self):
        return lib.veikart_keyring_count(self._ptr)


class Signer:
    """The keys a journal signs with: one per person, and at most one host key."""

    def __init__(self, *keys):
        out = ffi.new("veikart_signer **")
        check(lib.veikart_signer_new(out, _options()))
        self._ptr = ffi.gc(out[0], lib.veikart_signer_free)
        for key in keys:
            self.add(key)

    def add(self, key):
        """Add (a copy of) a key."""
        check(lib.veikart_signer_add(self._ptr, key._ptr))

    def sign(self, event):
        """A signed copy of an Event (or record text), for hosts that store
        events themselves."""
        from .journal import Event, parsed_event

        out = ffi.new("veikart_event **")
        with parsed_event(event) as ev:
            check(lib.veikart_event_sign(out, ev, self._ptr))
        try:
            return Event._from_c(out[0])
        finally:
            lib.veikart_event_free(out[0])


def set_signer(journal, signer):
    check(lib.veikart_journal_set_signer(journal, ffi.NULL if signer is None else signer._ptr))


def verify_signatures(journal, keyring):
    count = ffi.new("size_t *")
    check(lib.veikart_journal_verify_signatures(journal, keyring._ptr, count))
    return count[0]


def seal(journal, key, when):
    out = ffi.new("char **")
    check(lib.veikart_seal_make(out, journal, key._ptr, when))
    length = ffi.new("size_t *", len(ffi.string(out[0])))
    return take_string(out, length)


def check_seal(journal, text, keyring):
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    events = ffi.new("uint64_t *")
    check(lib.veikart_seal_check(journal, data, len(data), keyring._ptr, events))
    return events[0]
