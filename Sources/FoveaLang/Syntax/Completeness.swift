/// Whether a cell is ready to run, for `is_complete_request` (IPython's check_complete semantics).
public enum CompletenessChecker {
    public static func check(_ code: String) -> Completeness { .complete }
}
