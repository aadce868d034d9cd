// A loopback server that behaves like Confluence Cloud and Jira Cloud, for tests.

import SpineCore

/// Placeholder until the REST issue lands.
public enum AtlassianTestServer {}
