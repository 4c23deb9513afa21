package dev.kontextbot.core.rules;

import java.util.Set;

/** The agent's tool names: a contract between the rule-based mode, the LLM mode and the tools. */
public final class ToolNames {

    public static final String EDIT_IMAGE = "edit_image";
    public static final String GENERATE_IMAGE = "generate_image";
    public static final String UNDO = "undo";
    public static final String REDO = "redo";
    public static final String GO_TO_VERSION = "go_to_version";
    public static final String SHOW_HISTORY = "show_history";
    public static final String SET_REFERENCE = "set_reference";
    public static final String CLEAR_REFERENCE = "clear_reference";
    public static final String UPDATE_SETTINGS = "update_settings";
    public static final String RETRY_WITH_NEW_SEED = "retry_with_new_seed";
    public static final String CANCEL_JOB = "cancel_job";
    public static final String START_OVER = "start_over";
    public static final String FORGET_CONVERSATION = "forget_conversation";
    public static final String HELP = "help";
    public static final String REMEMBER_IMAGE = "remember_image";
    public static final String ANSWER = "answer";
    public static final String ASK_BEFORE_EDITING = "ask_before_editing";

    /** Issue 16: an edit limited to one part of the picture. */
    public static final String EDIT_REGION = "edit_region";
    /** Issue 16: colours back to the original's after drift. */
    public static final String REANCHOR = "reanchor";
    /** Issue 16: the edits since the original replayed as one edit of it, a new branch. */
    public static final String REANCHOR_BY_REPLAY = "reanchor_by_replay";
    /** Issue 16: the last edit with new seeds, several results at once. */
    public static final String VARY = "vary";
    /** Issue 16: one of the last variations becomes the current version. */
    public static final String PICK_VARIATION = "pick_variation";

    public static final Set<String> ALL = Set.of(EDIT_IMAGE, GENERATE_IMAGE, UNDO, REDO, GO_TO_VERSION, SHOW_HISTORY,
            SET_REFERENCE, CLEAR_REFERENCE, UPDATE_SETTINGS, RETRY_WITH_NEW_SEED, CANCEL_JOB, START_OVER,
            FORGET_CONVERSATION, HELP, REMEMBER_IMAGE, ANSWER, ASK_BEFORE_EDITING, EDIT_REGION, REANCHOR, VARY,
            PICK_VARIATION, REANCHOR_BY_REPLAY);

    private ToolNames() {}
}
