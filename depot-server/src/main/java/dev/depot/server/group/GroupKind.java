package dev.depot.server.group;

/**
 * The two kinds of group: a repository group holds repositories, a consumer group holds consumers.
 * Both are stored alike (a group table and a member table whose rows go with their member), so one
 * {@link Groups} serves either; this names the tables and the words each uses.
 */
public enum GroupKind {
  /** {@code /repo_groups/}: repositories. */
  REPOSITORY("repository group", "repo_groups", "repo_group_members", "repositories", "repo_id"),
  /** {@code /consumer_groups/}: consumers. */
  CONSUMER(
      "consumer group", "consumer_groups", "consumer_group_members", "consumers", "consumer_id");

  private final String noun;
  private final String table;
  private final String memberTable;
  private final String members;
  private final String memberKey;

  GroupKind(String noun, String table, String memberTable, String members, String memberKey) {
    this.noun = noun;
    this.table = table;
    this.memberTable = memberTable;
    this.members = members;
    this.memberKey = memberKey;
  }

  /** What a group of this kind is called in messages, e.g. {@code repository group}. */
  public String noun() {
    return noun;
  }

  /** The group table, which is also Pulp's collection name ({@code _ns}). */
  public String table() {
    return table;
  }

  String memberTable() {
    return memberTable;
  }

  /**
   * The members' own table, which also names them in a 404 ({@code repositories}, {@code
   * consumers}).
   */
  public String members() {
    return members;
  }

  /** The members' id column in their own table. */
  String memberKey() {
    return memberKey;
  }
}
