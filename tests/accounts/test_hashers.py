"""The tuned Argon2id hasher: its parameters, that it works, that it is first in every real environment."""

import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import override_settings

from wijkkracht.accounts.hashers import TunedArgon2PasswordHasher

TUNED = "wijkkracht.accounts.hashers.TunedArgon2PasswordHasher"


def test_parameters_are_owasp_minimum_profile():
    hasher = TunedArgon2PasswordHasher()
    assert (hasher.algorithm, hasher.memory_cost, hasher.time_cost, hasher.parallelism) == ("argon2t", 19456, 2, 1)


@override_settings(PASSWORD_HASHERS=[TUNED])
def test_hash_and_check_work_with_the_tuned_profile():
    encoded = make_password("correct horse battery")
    assert encoded.startswith("argon2t$argon2id$v=19$m=19456,t=2,p=1$")
    assert isinstance(identify_hasher(encoded), TunedArgon2PasswordHasher)
    assert check_password("correct horse battery", encoded)
    assert not check_password("wrong", encoded)
    # Its cost is measured by `make bench` (the login POST), never timed in a test: the profile in the encoded
    # hash above (m=19456, t=2, p=1) is what keeps a login in the tens of milliseconds (ADR 0001).


def test_base_settings_list_it_first():
    from wijkkracht.conf import base

    assert base.PASSWORD_HASHERS[0] == TUNED


def test_production_settings_list_it_first():
    # A fresh interpreter: production settings read the environment at import time and fail closed.
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "wijkkracht.example",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    code = "import wijkkracht.conf.production as p; print(p.PASSWORD_HASHERS[0]); print(p.WIJKKRACHT_REQUIRE_STAFF_2FA)"
    out = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2] / "src",
    )
    assert out.stdout.split() == [TUNED, "True"]
