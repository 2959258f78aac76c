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
/// nor the secret is written out: the export is text an admin copies and keeps). What KeyBridge saw is
/// filled in: the tenant's domain, the connection's id, the applications it is enabled for (by name: the
/// dashboard's Applications tab shows no client ids).
pub fn export(facts: &Facts, protocol: Protocol) -> Export {
    let (name, upper, lower) = match protocol {
        Protocol::OAuth1 => ("oauth1", "TWITTER_CONSUMER", "twitter_consumer"),
        Protocol::OAuth2 => ("oauth2", "TWITTER_CLIENT", "twitter_client"),
    };
    let enabled: Vec<&str> = facts
        .applications
        .iter()
        .flatten()
        .filter(|a| a.enabled)
        .map(|a| a.name.as_str())
        .collect();
    let apps: Vec<String> = enabled.iter().map(|a| quoted(a)).collect();
    let (id_var, secret_var) = match protocol {
        Protocol::OAuth1 => ("key", "secret"),
        Protocol::OAuth2 => ("id", "secret"),
    };
    let domain = facts
        .tenant
        .as_ref()
        .map_or("{your-tenant-domain}", |t| t.domain.as_str());
    let api = ["https://", domain, "/api/v2/connections"].concat();
    // An id known: the connection exists (made in the dashboard), and is changed; else it is created.
    let (request, connection) = match &facts.connection_id {
        Some(id) => (
            ["PATCH ", &api, "/", id, "\n{\n  \"options\": {"].concat(),
            id.as_str(),
        ),
        None => (
            [
                "POST ",
                &api,
                "\n{\n  \"name\": \"twitter\",\n  \"strategy\": \"twitter\",\n  \"options\": {",
            ]
            .concat(),
            "{id}",
        ),
    };
    let clients = if enabled.is_empty() {
        "  {\"client_id\": \"<application client_id>\", \"status\": true}".to_string()
    } else {
        enabled
            .iter()
            .map(|a| {
                let hint = ["<client_id of ", a, ">"].concat();
                ["  {\"client_id\": ", &quoted(&hint), ", \"status\": true}"].concat()
            })
            .collect::<Vec<_>>()
            .join(",\n")
    };
    let import = match &facts.connection_id {
        Some(id) => [
            "# It exists already: terraform import auth0_connection.twitter ",
            id,
            "\n",
        ]
        .concat(),
        None => String::new(),
    };
    let enabled_for = if enabled.is_empty() {
        String::new()
    } else {
        ["  # enabled for: ", &enabled.join(", "), "\n"].concat()
    };
    Export {
        management_api: [
            &request,
            "\n    \"client_id\": \"${", upper, "_", &id_var.to_ascii_uppercase(),
            "}\",\n    \"client_secret\": \"${", upper, "_SECRET}\",\n    \"protocol\": \"", name,
            "\"\n  }\n}\n\nPATCH ", &api, "/", connection, "/clients\n[\n", &clients, "\n]",
        ]
        .concat(),
        terraform: [
            "provider \"auth0\" {\n  domain = \"", domain, "\"\n}\n\n", &import,
            "resource \"auth0_connection\" \"twitter\" {\n  name     = \"twitter\"\n  strategy = \"twitter\"\n", &enabled_for,
            "  # protocol: ", name,
            " (the pair below is this protocol's)\n  options {\n    client_id     = var.", lower, "_", id_var,
            "\n    client_secret = var.", lower, "_", secret_var,
            "\n  }\n}\n\nvariable \"", lower, "_", id_var, "\" {\n  type = string\n}\n\nvariable \"", lower, "_", secret_var,
            "\" {\n  type      = string\n  sensitive = true\n}",
        ]
        .concat(),
        deploy_cli: [
            "# tenant ", domain, "\nconnections:\n  - name: twitter\n    strategy: twitter\n    enabled_clients: [",
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
        assert!(e.management_api.contains("\"<client_id of Acme Web>\""));
        assert!(!e.management_api.contains("<application client_id>"));
        // What KeyBridge saw is filled in: the tenant, the connection's id.
        let known = Facts {
            tenant: Some(crate::guide::Tenant {
                name: "acme-demo".into(),
                domain: "acme-demo.us.auth0.com".into(),
            }),
            connection_id: Some("con_0123456789abcdef".into()),
            ..facts.clone()
        };
        let k = export(&known, Protocol::OAuth2);
        assert!(k.management_api.starts_with(
            "PATCH https://acme-demo.us.auth0.com/api/v2/connections/con_0123456789abcdef\n"
        ));
        assert!(k
            .management_api
            .contains("/api/v2/connections/con_0123456789abcdef/clients"));
        assert!(!k.management_api.contains("{id}"));
        assert!(k.terraform.contains("domain = \"acme-demo.us.auth0.com\""));
        assert!(k
            .terraform
            .contains("terraform import auth0_connection.twitter con_0123456789abcdef"));
        assert!(k
            .deploy_cli
            .starts_with("# tenant acme-demo.us.auth0.com\n"));
        let old = export(&Facts::default(), Protocol::OAuth1);
        assert!(old.management_api.contains("\"protocol\": \"oauth1\""));
        assert!(old.terraform.contains("var.twitter_consumer_key"));
        assert!(old.deploy_cli.contains("##TWITTER_CONSUMER_KEY##"));
    }
}
