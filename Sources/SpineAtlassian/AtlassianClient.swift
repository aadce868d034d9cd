// REST clients for Confluence and Jira.

import SpineCore

/// Placeholder until the REST issue lands.
public enum Atlassian {}
