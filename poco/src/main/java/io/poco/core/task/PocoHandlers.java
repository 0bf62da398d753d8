package io.poco.core.task;

import io.poco.core.exec.MsgHandler;
import io.poco.core.market.CancelOrderHandler;
import io.poco.core.market.MatchOrdersHandler;
import io.poco.core.registry.RegisterAppHandler;
import io.poco.core.registry.RegisterDatasetHandler;
import io.poco.core.registry.RegisterWorkerpoolHandler;
import io.poco.core.registry.UpdateWorkerpoolPolicyHandler;
import java.util.List;

/** Every PoCo message handler (poco.md §1–§5), for the transaction processor. */
public final class PocoHandlers {

  private PocoHandlers() {}

  public static List<MsgHandler> all() {
    return List.of(
        new RegisterAppHandler(),
        new RegisterDatasetHandler(),
        new RegisterWorkerpoolHandler(),
        new UpdateWorkerpoolPolicyHandler(),
        new MatchOrdersHandler(),
        new CancelOrderHandler(),
        new InitializeTaskHandler(),
        new ContributeHandler(),
        new ContributeBatchHandler(),
        new RevealHandler(),
        new RevealBatchHandler(),
        new ReopenTaskHandler(),
        new FinalizeTaskHandler(),
        new ClaimTaskHandler(),
        new ContributeAndFinalizeHandler());
  }
}
