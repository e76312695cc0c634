"""Authorization matrix entries for accounts: two-step login pages and sign-up (the core login URLs are in the
main matrix)."""

from tests.matrix import ALL, LOGGED_IN, Entry

MATRIX: dict[str, Entry] = {
    "accounts:otp_recovery": Entry(
        get=LOGGED_IN, ok=302, notes="without a second factor it goes on to next; flows in tests/accounts"
    ),
    "accounts:otp_enrol": Entry(
        get=LOGGED_IN,
        ok=302,
        args=lambda w: ["geen-geldige-link"],
        notes="an unknown link sends to the setup page and changes nothing; flows in tests/accounts",
    ),
    "accounts:security": Entry(get=LOGGED_IN, notes="own account only"),
    "accounts:recovery_codes": Entry(
        skip_get=True,
        post=LOGGED_IN,
        post_changes=False,
        notes="POST only; without a second factor back to the security page (nothing changes)",
    ),
    "accounts:otp_disable": Entry(
        skip_get=True,
        post=LOGGED_IN,
        post_changes=False,
        notes="POST only; own account; staff are refused when it is required; without a second factor nothing changes",
    ),
    # Sign-up: open to everyone; a logged-in user is sent to the home page.
    "accounts:signup": Entry(
        get=ALL, skip_get=True, notes="logged-in users are redirected; tested in tests/accounts/test_signup.py"
    ),
    "accounts:signup_sent": Entry(get=ALL),
    "accounts:signup_confirm": Entry(
        get=ALL, args=lambda w: ["not-a-token"], notes="an invalid link shows its own page; token flow in test_signup"
    ),
}
