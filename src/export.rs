//! The configured connection, written out for admins who automate later: Management API JSON, a Terraform
//! `auth0_connection` block and a Deploy CLI entry (real-pages.md §5). The secret is always a placeholder.

use serde::{Deserialize, Serialize};

use crate::guide::Facts;
use crate::keys::Protocol;

/// The three exports, as text to copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    pub management_api: String,
    pub terraform: String,
    pub deploy_cli: String,
}

/// A JSON string literal (quotes and backslashes escaped, control characters dropped).
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

/// The connection for `protocol`: its `protocol` option and placeholders for both values (neither the key
/// nor the secret is written out: the export is text an admin copies and keeps).
pub fn export(facts: &Facts, protocol: Protocol) -> Export {
    let (name, upper, lower) = match protocol {
        Protocol::OAuth1 => ("oauth1", "TWITTER_CONSUMER", "twitter_consumer"),
        Protocol::OAuth2 => ("oauth2", "TWITTER_CLIENT", "twitter_client"),
    };
    let apps: Vec<String> = facts
        .applications
        .iter()
        .flatten()
        .filter(|a| a.enabled)
        .map(|a| quoted(&a.name))
        .collect();
    let (id_var, secret_var) = match protocol {
        Protocol::OAuth1 => ("key", "secret"),
        Protocol::OAuth2 => ("id", "secret"),
    };
    Export {
        management_api: [
            "POST /api/v2/connections\n{\n  \"name\": \"twitter\",\n  \"strategy\": \"twitter\",\n  \"options\": {\n    \"client_id\": \"${",
            upper, "_", &id_var.to_ascii_uppercase(),
            "}\",\n    \"client_secret\": \"${", upper, "_SECRET}\",\n    \"protocol\": \"", name,
            "\"\n  }\n}\n\nPATCH /api/v2/connections/{id}/clients\n[{\"client_id\": \"<application client_id>\", \"status\": true}]",
        ]
        .concat(),
        terraform: [
            "resource \"auth0_connection\" \"twitter\" {\n  name     = \"twitter\"\n  strategy = \"twitter\"\n  # protocol: ", name,
            " (the pair below is this protocol's)\n  options {\n    client_id     = var.", lower, "_", id_var,
            "\n    client_secret = var.", lower, "_", secret_var,
            "\n  }\n}\n\nvariable \"", lower, "_", id_var, "\" {\n  type = string\n}\n\nvariable \"", lower, "_", secret_var,
            "\" {\n  type      = string\n  sensitive = true\n}",
        ]
        .concat(),
        deploy_cli: [
            "connections:\n  - name: twitter\n    strategy: twitter\n    enabled_clients: [",
            &apps.join(", "),
            "]\n    options:\n      protocol: ", name, "\n      client_id: '##", upper, "_", &id_var.to_ascii_uppercase(),
            "##'\n      client_secret: '##", upper, "_SECRET##'\n# set AUTH0_KEYWORD_REPLACE_MAPPINGS='{\"", upper, "_",
            &id_var.to_ascii_uppercase(), "\": \"...\", \"", upper, "_SECRET\": \"...\"}'",
        ]
        .concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::Application;

    #[test]
    fn exports_the_protocol_and_applications_with_both_values_as_placeholders() {
        let facts = Facts {
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
        let e = export(&facts, Protocol::OAuth2);
        assert!(e.management_api.contains("\"protocol\": \"oauth2\""));
        assert!(e
            .management_api
            .contains("\"client_id\": \"${TWITTER_CLIENT_ID}\""));
        assert!(e.management_api.contains("${TWITTER_CLIENT_SECRET}"));
        assert!(e
            .terraform
            .contains("client_secret = var.twitter_client_secret"));
        assert!(e.deploy_cli.contains("enabled_clients: [\"Acme Web\"]"));
        assert!(e.deploy_cli.contains("protocol: oauth2"));
        assert!(!e.deploy_cli.contains("Acme iOS"));
        let old = export(&Facts::default(), Protocol::OAuth1);
        assert!(old.management_api.contains("\"protocol\": \"oauth1\""));
        assert!(old.terraform.contains("var.twitter_consumer_key"));
        assert!(old.deploy_cli.contains("##TWITTER_CONSUMER_KEY##"));
    }
}
