//! The stable diagnostic codes: `E0xx` errors, `W1xx` warnings. Shared by the
//! text, JSON and GitHub outputs and by the README.

pub struct Code {
    pub code: &'static str,
    pub summary: &'static str,
}

pub const CODES: &[Code] = &[
    Code {
        code: "E001",
        summary: "TOML syntax error",
    },
    Code {
        code: "E002",
        summary: "unknown field, or a field that does not belong to the claim's kind",
    },
    Code {
        code: "E003",
        summary: "required field missing, or the file is empty",
    },
    Code {
        code: "E004",
        summary: "wrong type or invalid value (kind, category, grade, slug, ...)",
    },
    Code {
        code: "E005",
        summary: "`id` field differs from the file name",
    },
    Code {
        code: "E006",
        summary: "invalid id (file name or reference)",
    },
    Code {
        code: "E007",
        summary: "a claim and a source share an id",
    },
    Code {
        code: "E008",
        summary: "reference to a source that does not exist (evidence, via, cites, revises)",
    },
    Code {
        code: "E009",
        summary: "reference to a claim that does not exist (relations, denies)",
    },
    Code {
        code: "E010",
        summary: "`cites` or `revises` forms a cycle",
    },
    Code {
        code: "E011",
        summary: "quote not found in the source's archived text",
    },
    Code {
        code: "E012",
        summary: "archive missing: sha256 recorded but sources/<id>.txt absent or unreadable",
    },
    Code {
        code: "E013",
        summary: "archive modified: its sha256 differs from the one recorded",
    },
    Code {
        code: "E014",
        summary: "date that does not parse",
    },
    Code {
        code: "E015",
        summary: "min greater than max",
    },
    Code {
        code: "E016",
        summary: "file cannot be read: permissions, not UTF-8, a directory or a symbolic link",
    },
    Code {
        code: "E017",
        summary: "file over the size limit",
    },
    Code {
        code: "W101",
        summary: "claim has no evidence (unsourced)",
    },
    Code {
        code: "W102",
        summary: "quote cannot be verified: the source has no archived text",
    },
    Code {
        code: "W103",
        summary: "quoted passage no longer appears in the latest revision of the source",
    },
    Code {
        code: "W104",
        summary: "min/max differ from what the claim's count policy reads in its wording",
    },
    Code {
        code: "W105",
        summary: "file in claims/ or sources/ that is not a record; ignored",
    },
    Code {
        code: "W106",
        summary: "archive present but no sha256 recorded",
    },
];

pub fn summary(code: &str) -> Option<&'static str> {
    CODES.iter().find(|c| c.code == code).map(|c| c.summary)
}
