#!/usr/bin/python3
"""scripts/deb_src_entry.py against sample apt sources in temporary folders (never the
machine's /etc/apt): one-line and deb822 files, with and without Signed-By, several entries,
disabled and commented ones, an existing deb-src entry and none at all.
Usage: test_deb_src_entry.py PATH/TO/deb_src_entry.py"""
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "scripts", "deb_src_entry.py")


def run(files):
    """Writes {relative path: text} under a fresh root, runs the script: (code, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as root:
        for rel, text in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        done = subprocess.run([sys.executable, SCRIPT, "--root", root], capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr.replace(root, "ROOT")


class OneLineFormat(unittest.TestCase):
    def test_plain_entry_without_signed_by(self):
        code, out, _ = run({"etc/apt/sources.list":
                            "# deb http://old.example/debian bookworm main\n"
                            "deb http://apt.example/debian bookworm main contrib non-free-firmware\n"
                            "deb http://apt.example/debian bookworm-updates main\n"
                            "deb http://apt.example/debian-security bookworm-security main\n"})
        self.assertEqual(code, 0)
        self.assertEqual(out, "Types: deb-src\nURIs: http://apt.example/debian\nSuites: bookworm\n"
                              "Components: main\n")

    def test_options_with_signed_by_in_either_spelling(self):
        code, out, _ = run({"etc/apt/sources.list.d/a.list":
                            "deb [arch=amd64 signed-by=/usr/share/keyrings/a.gpg] https://a.example/debian bookworm main\n"
                            "deb [ signed-by=/etc/apt/keyrings/b.gpg ] http://b.example/debian/ bookworm contrib main\n"})
        self.assertEqual(code, 0)
        self.assertEqual(out,
                         "Types: deb-src\nURIs: https://a.example/debian\nSuites: bookworm\nComponents: main\n"
                         "Signed-By: /usr/share/keyrings/a.gpg\n\n"
                         "Types: deb-src\nURIs: http://b.example/debian/\nSuites: bookworm\nComponents: main\n"
                         "Signed-By: /etc/apt/keyrings/b.gpg\n")


class Deb822Format(unittest.TestCase):
    def test_stanzas_several_uris_and_suites(self):
        code, out, _ = run({"etc/apt/sources.list.d/debian.sources":
                            "Types: deb\n"
                            "# a comment inside the stanza\n"
                            "URIs: http://one.example/debian http://two.example/debian\n"
                            "Suites: bookworm bookworm-updates\n"
                            "Components: main\n"
                            "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"
                            "\n"
                            "Types: deb\n"
                            "URIs: http://sec.example/debian-security\n"
                            "Suites: bookworm-security\n"
                            "Components: main\n"})
        self.assertEqual(code, 0)
        self.assertEqual(out,
                         "Types: deb-src\nURIs: http://one.example/debian\nSuites: bookworm\nComponents: main\n"
                         "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n"
                         "Types: deb-src\nURIs: http://two.example/debian\nSuites: bookworm\nComponents: main\n"
                         "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")

    def test_field_names_any_case_no_signed_by_disabled_skipped(self):
        code, out, _ = run({"etc/apt/sources.list.d/x.sources":
                            "types: deb\nuris: http://off.example/debian\nsuites: bookworm\ncomponents: main\n"
                            "Enabled: no\n\n"
                            "types: deb\nuris: http://on.example/debian\nsuites: bookworm\ncomponents: contrib main\n"})
        self.assertEqual(code, 0)
        self.assertEqual(out, "Types: deb-src\nURIs: http://on.example/debian\nSuites: bookworm\nComponents: main\n")

    def test_embedded_key_keeps_its_continuation_lines(self):
        key = "\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n mDMEZ1234\n -----END PGP PUBLIC KEY BLOCK-----"
        code, out, _ = run({"etc/apt/sources.list.d/k.sources":
                            "Types: deb\nURIs: http://k.example/debian\nSuites: bookworm\nComponents: main\n"
                            "Signed-By:" + key + "\n"})
        self.assertEqual(code, 0)
        self.assertEqual(out, "Types: deb-src\nURIs: http://k.example/debian\nSuites: bookworm\nComponents: main\n"
                              "Signed-By:" + key + "\n")


class Together(unittest.TestCase):
    def test_both_formats_duplicates_once_other_files_ignored(self):
        code, out, _ = run({
            "etc/apt/sources.list": "deb [signed-by=/k.gpg] http://m.example/debian bookworm main\n",
            "etc/apt/sources.list.d/m.sources":
                "Types: deb\nURIs: http://m.example/debian/\nSuites: bookworm\nComponents: main\nSigned-By: /k.gpg\n\n"
                "Types: deb\nURIs: http://n.example/debian\nSuites: bookworm\nComponents: main\nSigned-By: /n.gpg\n",
            "etc/apt/sources.list.d/old.list.disabled": "deb http://z.example/debian bookworm main\n",
            "etc/apt/sources.list.d/other.list": "deb https://vendor.example/apt stable main\n",
        })
        self.assertEqual(code, 0)
        self.assertEqual(out,
                         "Types: deb-src\nURIs: http://m.example/debian\nSuites: bookworm\nComponents: main\n"
                         "Signed-By: /k.gpg\n\n"
                         "Types: deb-src\nURIs: http://n.example/debian\nSuites: bookworm\nComponents: main\n"
                         "Signed-By: /n.gpg\n")

    def test_existing_deb_src_means_nothing_to_add(self):
        for files in ({"etc/apt/sources.list": "deb http://m.example/debian bookworm main\n"
                                               "deb-src http://m.example/debian bookworm main\n"},
                      {"etc/apt/sources.list.d/a.sources":
                       "Types: deb deb-src\nURIs: http://m.example/debian\nSuites: bookworm\nComponents: main\n"}):
            code, out, err = run(files)
            self.assertEqual(code, 2)
            self.assertEqual(out, "")
            self.assertIn("a deb-src entry for bookworm main exists: ROOT/etc/apt/", err)

    def test_no_bookworm_main_entry_is_an_error_naming_the_files(self):
        code, out, err = run({"etc/apt/sources.list": "deb http://m.example/debian bookworm-updates main\n",
                              "etc/apt/sources.list.d/c.sources":
                                  "Types: deb\nURIs: http://m.example/debian\nSuites: bookworm\nComponents: contrib\n"})
        self.assertEqual(code, 1)
        self.assertEqual(out, "")
        self.assertEqual(err, "no 'deb' entry for bookworm main in ROOT/etc/apt/sources.list, "
                              "ROOT/etc/apt/sources.list.d/c.sources\n")
        code, _, err = run({})
        self.assertEqual(code, 1)
        self.assertEqual(err, "no 'deb' entry for bookworm main in ROOT/etc/apt (no sources files)\n")


if __name__ == "__main__":
    unittest.main(verbosity=1)
