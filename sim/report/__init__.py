"""Reporting: the policy brief (`brief`), its charts (`charts`) and their look
(`style`). Everything here reads a sweep's tables, never a model."""
