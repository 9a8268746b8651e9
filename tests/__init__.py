"""Tests of the generator and of the client it generates."""
