package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.function.Consumer;

/** A prepared block of either store: its writes, the tree update they make, how to persist it. */
final class StagedBlock implements PreparedBlock {

  private final long height;
  private final long previousHeight;
  private final StagedUpdater writes;
  private final MerkleTree.Update update;
  private final Consumer<StagedBlock> persister;

  private StagedBlock(
      long height,
      long previousHeight,
      StagedUpdater writes,
      MerkleTree.Update update,
      Consumer<StagedBlock> persister) {
    this.height = height;
    this.previousHeight = previousHeight;
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
    PathWarmer warmer = staged.warmer();
    MerkleTree.Update update =
        MerkleTree.update(
            warmer == null ? nodes : warmer.reader(nodes), lastRoot, height, staged.writes());
    if (warmer != null) {
      warmer.release();
    }
    return new StagedBlock(height, lastHeight, staged, update, persister);
  }

  /** The whole state of {@code height} written into an empty store (state-sync restore). */
  static StagedBlock restore(
      long lastHeight,
      MerkleTree.NodeReader nodes,
      long height,
      StateUpdater pairs,
      Consumer<StagedBlock> persister) {
    if (lastHeight != 0 || height < 1) {
      throw new IllegalStateException(
          "restore of height " + height + " into a store that is at height " + lastHeight);
    }
    StagedUpdater staged = (StagedUpdater) pairs;
    return new StagedBlock(
        height,
        0,
        staged,
        MerkleTree.update(nodes, MerkleTree.Ref.NONE, height, staged.writes()),
        persister);
  }

  /** The height the store must be at for this block to persist. */
  long previousHeight() {
    return previousHeight;
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
