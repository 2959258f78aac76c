//! The configured connection, written out for admins who automate later: Management API JSON, a Terraform
//! `auth0_connection` block and a Deploy CLI entry (real-pages.md §5). The secret is always a placeholder.

use serde::{Deserialize, Serialize};

use crate::guide::Facts;

const KEY_PLACEHOLDER: &str = "YOUR_TWITTER_CONSUMER_KEY";

/// The three exports, as text to copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    pub management_api: String,
    pub terraform: String,
    pub deploy_cli: String,
}

/// A JSON string literal (the key is letters and digits; quotes and backslashes are escaped anyway).
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn export(facts: &Facts) -> Export {
    let key = quoted(facts.connection_key.as_deref().unwrap_or(KEY_PLACEHOLDER));
    let apps: Vec<String> = facts
        .applications
        .iter()
        .flatten()
        .filter(|a| a.enabled)
        .map(|a| quoted(&a.name))
        .collect();
    Export {
        // Concatenated rather than `format!`: the shipped wasm carries no formatting machinery.
        management_api: [
            "POST /api/v2/connections\n{\n  \"name\": \"twitter\",\n  \"strategy\": \"twitter\",\n  \"options\": {\n    \"client_id\": ",
            &key,
            ",\n    \"client_secret\": \"${TWITTER_CONSUMER_SECRET}\",\n    \"protocol\": \"oauth1\"\n  }\n}\n\nPATCH /api/v2/connections/{id}/clients\n[{\"client_id\": \"<application client_id>\", \"status\": true}]",
        ]
        .concat(),
        terraform: [
            "resource \"auth0_connection\" \"twitter\" {\n  name     = \"twitter\"\n  strategy = \"twitter\"\n  options {\n    client_id     = ",
            &key,
            "\n    client_secret = var.twitter_consumer_secret\n  }\n}\n\nvariable \"twitter_consumer_secret\" {\n  type      = string\n  sensitive = true\n}",
        ]
        .concat(),
        deploy_cli: [
            "connections:\n  - name: twitter\n    strategy: twitter\n    enabled_clients: [",
            &apps.join(", "),
            "]\n    options:\n      client_id: ",
            &key,
            "\n      client_secret: '##TWITTER_CONSUMER_SECRET##'\n# set AUTH0_KEYWORD_REPLACE_MAPPINGS='{\"TWITTER_CONSUMER_SECRET\": \"...\"}'",
        ]
        .concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::Application;

    #[test]
    fn exports_the_key_and_applications_with_the_secret_as_a_placeholder() {
        let facts = Facts {
            connection_key: Some("K".repeat(25)),
            applications: Some(vec![
                Application {
                    name: "Acme Web".into(),
                    enabled: true,
                },
                Application {
                    name: "Acme iOS".into(),
                    enabled: false,
                },
            ]),
            ..Facts::default()
        };
        let e = export(&facts);
        assert!(e
            .management_api
            .contains(&format!("\"client_id\": \"{}\"", "K".repeat(25))));
        assert!(e.management_api.contains("${TWITTER_CONSUMER_SECRET}"));
        assert!(e
            .terraform
            .contains("client_secret = var.twitter_consumer_secret"));
        assert!(e.deploy_cli.contains("enabled_clients: [\"Acme Web\"]"));
        assert!(!e.deploy_cli.contains("Acme iOS"));
        assert!(export(&Facts::default())
            .terraform
            .contains(KEY_PLACEHOLDER));
    }
}
