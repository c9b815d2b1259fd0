"""The five pushes (五推送) — built in its own issue; the app exists from the first migration on."""
