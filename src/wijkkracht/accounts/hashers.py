from django.contrib.auth.hashers import Argon2PasswordHasher


class TunedArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with OWASP's minimum profile (19 MiB, t=2, p=1): tens of milliseconds per login on a
    small server instead of Django's 100 MiB × 8 lanes. See docs/adr/0001-stack.md."""

    algorithm = "argon2t"
    time_cost = 2
    memory_cost = 19456
    parallelism = 1
