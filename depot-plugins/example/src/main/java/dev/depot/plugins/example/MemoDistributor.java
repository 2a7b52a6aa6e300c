package dev.depot.plugins.example;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitCriteria.SortField;
import dev.depot.publish.tree.LinkTreePublish;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.ServedTreeDistributor;
import java.util.List;
import java.util.Map;

/**
 * {@code memo_distributor}: serves a repository's memos over HTTP and/or HTTPS under {@code
 * /pulp/memos/<relative_url>/}, with a {@code SHA256SUMS} index, so a published tree is itself a
 * feed another Depot can sync.
 */
// tag::distributor[]
public final class MemoDistributor extends ServedTreeDistributor {
  /** The distributor type id. */
  public static final String ID = "memo_distributor";

  /** Where memo trees are served: {@code /pulp/memos/<relative_url>/}. */
  static final ServedTree SERVED = new ServedTree(ID, "memos");

  /** A link per memo at its name, and SHA256SUMS listing them in name order. */
  static final LinkTreePublish.Layout LAYOUT =
      new LinkTreePublish.Layout(
          UnitCriteria.ofTypes(MemoTypes.MEMO).withSort(List.of(new SortField("name", true))),
          unit -> Memo.of(unit).name(),
          Memo.INDEX,
          unit -> Memo.of(unit).line());

  /** As the plugin registry makes it: relative_url, serve_http and serve_https, no other key. */
  public MemoDistributor() {
    super(SERVED);
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Memo Distributor", List.of(MemoTypes.MEMO));
  }

  @Override
  protected Publish newPublish(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    return new LinkTreePublish(SERVED, LAYOUT, platform(), repo, conduit, config);
  }

  // end::distributor[]

  // tag::consumer-payload[]
  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    Map<String, Object> payload = super.createConsumerPayload(repo, config, bindingConfig);
    payload.put("index", Memo.INDEX); // what a client fetches first
    return payload;
  }
  // end::consumer-payload[]
}
