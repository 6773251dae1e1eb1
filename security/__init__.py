"""Staff sign-in protection: brute-force lock-out (django-axes) and the second factor (django-otp
TOTP) that medical reviewers and administrators need before a clinical sign-off or a publish."""
