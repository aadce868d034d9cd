// Collation: Jira issues → one requirements document.

import SpineCore

/// Placeholder until the collate issue lands.
public enum Collation {}
