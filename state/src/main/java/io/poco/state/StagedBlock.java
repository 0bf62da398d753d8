package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.function.Consumer;

/** A prepared block of either store: its writes, the digest they produce, and how to persist it. */
final class StagedBlock implements PreparedBlock {

  private final long height;
  private final StagedUpdater writes;
  private final SetHash digest;
  private final Consumer<StagedBlock> persister;

  StagedBlock(long height, StagedUpdater writes, SetHash digest, Consumer<StagedBlock> persister) {
    this.height = height;
    this.writes = writes;
    this.digest = digest;
    this.persister = persister;
  }

  /** Checks the height and computes the digest of {@code writes} over the committed state. */
  static StagedBlock prepare(
      long lastHeight,
      SetHash lastDigest,
      KeyValueReader committed,
      long height,
      StateUpdater writes,
      Consumer<StagedBlock> persister) {
    if (height != lastHeight + 1) {
      throw new IllegalArgumentException("prepare at height " + height + " after " + lastHeight);
    }
    StagedUpdater staged = (StagedUpdater) writes;
    return new StagedBlock(height, staged, lastDigest.apply(staged, committed), persister);
  }

  @Override
  public long height() {
    return height;
  }

  @Override
  public ByteString root() {
    return digest.root();
  }

  StagedUpdater writes() {
    return writes;
  }

  SetHash digest() {
    return digest;
  }

  @Override
  public void persist() {
    persister.accept(this);
  }
}
