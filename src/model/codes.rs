//! The diagnostic codes of single files: how a record or a file can be
//! wrong on its own. Each declares its fixtures, one per message it can
//! print; `check::codes::all` is the registry of every code.

use super::diag::{Code, Fixture, Severity::*, Step::*};

const EV: &str = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n";

pub const E001: Code = Code {
    code: "E001",
    severity: Error,
    summary: "TOML syntax error",
    fixtures: &[Fixture {
        steps: &[Write(
            "claims/c.toml",
            "kind = \"event\"\nevent = \"e\nstatement = \"s\"\n",
        )],
    }],
};

pub const E002: Code = Code {
    code: "E002",
    severity: Error,
    summary: "unknown field, or a field that does not belong to the claim's kind",
    fixtures: &[
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"event\"\nevnt = \"e\"\nevent = \"e\"\nstatement = \"s\"\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nactor = \"x\"\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "sources/s.toml",
                "title = \"t\"\npublisher = \"p\"\nauthor = \"x\"\n",
            )],
        },
    ],
};

pub const E003: Code = Code {
    code: "E003",
    severity: Error,
    summary: "required field missing, or the file is empty",
    fixtures: &[
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\n",
            )],
        },
        Fixture {
            steps: &[Write("claims/c.toml", "\n")],
        },
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"denial\"\nevent = \"e\"\nstatement = \"s\"\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\nstate = \"retracted\"\n",
            )],
        },
    ],
};

pub const E004: Code = Code {
    code: "E004",
    severity: Error,
    summary: "wrong type or invalid value (kind, category, grade, slug, stance, ...)",
    fixtures: &[
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"rumour\"\nevent = \"e\"\nstatement = \"s\"\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = 3\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"kiled\"\ngroup = \"Some People\"\nmin = -1\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"responsibility\"\nevent = \"e\"\nstatement = \"s\"\nactor = \"x\"\nstance = \"blames\"\nrank = \"best\"\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "sources/s.toml",
                "title = \"t\"\npublisher = \"p\"\nreliability = \"G\"\nsha256 = \"abc\"\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "claims/c.toml",
                "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\ncredibility = 9\n",
            )],
        },
        Fixture {
            steps: &[Write("entities/x.toml", "name = \"X\"\nkind = \"club\"\n")],
        },
    ],
};

pub const E005: Code = Code {
    code: "E005",
    severity: Error,
    summary: "`id` field differs from the file name",
    fixtures: &[Fixture {
        steps: &[Write(
            "claims/c.toml",
            "id = \"other\"\nkind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n",
        )],
    }],
};

pub const E006: Code = Code {
    code: "E006",
    severity: Error,
    summary: "invalid id (file name or reference)",
    fixtures: &[
        Fixture {
            steps: &[Write("claims/Bad Name.toml", EV)],
        },
        Fixture {
            steps: &[Write(
                "sources/s.toml",
                "title = \"t\"\npublisher = \"p\"\ncites = [\"Not An Id\"]\n",
            )],
        },
    ],
};

pub const E014: Code = Code {
    code: "E014",
    severity: Error,
    summary: "date that does not parse",
    fixtures: &[
        Fixture {
            steps: &[Write(
                "sources/s.toml",
                "title = \"t\"\npublisher = \"p\"\npublished = \"31/12/2019\"\n",
            )],
        },
        Fixture {
            steps: &[Write(
                "sources/s.toml",
                "title = \"t\"\npublisher = \"p\"\npublished = 2019-12-31T10:00:00\n",
            )],
        },
    ],
};

pub const E015: Code = Code {
    code: "E015",
    severity: Error,
    summary: "min greater than max",
    fixtures: &[Fixture {
        steps: &[Write(
            "claims/c.toml",
            "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nmin = 9\nmax = 3\n",
        )],
    }],
};

pub const E016: Code = Code {
    code: "E016",
    severity: Error,
    summary: "file cannot be read: permissions, not UTF-8, a directory, a symbolic link, or not a regular file",
    fixtures: &[
        Fixture {
            steps: &[Bytes(
                "claims/c.toml",
                b"kind = \"event\"\nevent = \"\xff\"\n",
            )],
        },
        Fixture {
            steps: &[Dir("claims/d.toml")],
        },
        Fixture {
            steps: &[
                Write("outside.toml", EV),
                Symlink("claims/l.toml", "../outside.toml"),
            ],
        },
        Fixture {
            steps: &[Fifo("claims/pipe.toml")],
        },
    ],
};

pub const E017: Code = Code {
    code: "E017",
    severity: Error,
    summary: "file over the size limit",
    fixtures: &[Fixture {
        steps: &[
            Write("factcheck.toml", "[workspace]\nmax_file_size = 100\n"),
            Big("claims/big.toml", 101),
        ],
    }],
};

pub const E021: Code = Code {
    code: "E021",
    severity: Error,
    summary: "a casualty claim's `best` lies outside its min–max",
    fixtures: &[Fixture {
        steps: &[Write(
            "claims/c.toml",
            "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nmin = 200\nmax = 400\nbest = 450\n",
        )],
    }],
};

pub const W104: Code = Code {
    code: "W104",
    severity: Warning,
    summary: "min/max differ from what the claim's count policy reads in its wording",
    fixtures: &[Fixture {
        steps: &[Write(
            "claims/c.toml",
            "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nwording = \"at least 10\"\nmin = 12\npolicy = \"default-v2\"\n",
        )],
    }],
};

pub const W105: Code = Code {
    code: "W105",
    severity: Warning,
    summary: "a file in a record directory that is not a record; ignored",
    fixtures: &[Fixture {
        steps: &[Write("claims/notes.md", "x\n")],
    }],
};

pub const W107: Code = Code {
    code: "W107",
    severity: Warning,
    summary: "a temporary file left by an interrupted (killed) write; ignored, safe to delete",
    fixtures: &[Fixture {
        steps: &[Write("claims/.factcheck-tmp-abc123", "kind = \"ev")],
    }],
};

/// The codes of single files, in code order.
pub const FILE_CODES: &[&Code] = &[
    &E001, &E002, &E003, &E004, &E005, &E006, &E014, &E015, &E016, &E017, &E021, &W104, &W105,
    &W107,
];
