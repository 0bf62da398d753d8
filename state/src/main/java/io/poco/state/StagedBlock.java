package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.function.Consumer;

/** A prepared block of either store: its writes, the tree update they make, how to persist it. */
final class StagedBlock implements PreparedBlock {

  private final long height;
  private final StagedUpdater writes;
  private final MerkleTree.Update update;
  private final Consumer<StagedBlock> persister;

  private StagedBlock(
      long height,
      StagedUpdater writes,
      MerkleTree.Update update,
      Consumer<StagedBlock> persister) {
    this.height = height;
    this.writes = writes;
    this.update = update;
    this.persister = persister;
  }

  /** Checks the height and computes the tree update of {@code writes} over the last root. */
  static StagedBlock prepare(
      long lastHeight,
      MerkleTree.Ref lastRoot,
      MerkleTree.NodeReader nodes,
      long height,
      StateUpdater writes,
      Consumer<StagedBlock> persister) {
    if (height != lastHeight + 1) {
      throw new IllegalArgumentException("prepare at height " + height + " after " + lastHeight);
    }
    StagedUpdater staged = (StagedUpdater) writes;
    return new StagedBlock(
        height, staged, MerkleTree.update(nodes, lastRoot, height, staged.writes()), persister);
  }

  @Override
  public long height() {
    return height;
  }

  @Override
  public ByteString root() {
    return ByteString.copyFrom(update.root().hash());
  }

  StagedUpdater writes() {
    return writes;
  }

  MerkleTree.Update update() {
    return update;
  }

  @Override
  public void persist() {
    persister.accept(this);
  }
}
