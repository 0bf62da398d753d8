// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {BridgeFixture} from "./BridgeFixture.sol";
import {PocoBridge} from "../src/PocoBridge.sol";

/// @notice Every rule of bridge.md §1 with its failure case.
contract PocoBridgeTest is BridgeFixture {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    function setUp() public {
        _deploy(_equalPowers(4), 1000);
    }

    function _fund(uint256 amount) internal {
        rlc.mint(ALICE, amount);
        vm.prank(ALICE);
        rlc.approve(address(bridge), amount);
        vm.prank(ALICE);
        bridge.deposit(amount, BOB);
    }

    function test_depositNoncesAreGapFree() public {
        rlc.mint(ALICE, 100);
        vm.prank(ALICE);
        rlc.approve(address(bridge), 100);
        for (uint256 i = 1; i <= 3; i++) {
            vm.prank(ALICE);
            bridge.deposit(10, BOB);
            assertEq(bridge.depositNonce(), i, "nonce");
        }
        assertEq(rlc.balanceOf(address(bridge)), 30, "locked");
        vm.expectRevert(PocoBridge.ZeroAmount.selector);
        bridge.deposit(0, BOB);
        vm.expectRevert(PocoBridge.ZeroAddress.selector);
        bridge.deposit(1, address(0));
    }

    function test_checkpointSignedByAllIsAccepted() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, bytes32(uint256(7)));
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        assertEq(bridge.lastCheckpoint(), 1, "number");
        (bytes32 appHash, bytes32 root, uint64 end) = bridge.checkpoints(1);
        assertTrue(appHash == cp.appHash && root == cp.withdrawalRoot && end == 10, "stored");
    }

    function test_wrongValsetIsRefused() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        PocoBridge.Valset memory other = valset;
        other.nonce = 1;
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        vm.expectRevert(PocoBridge.InvalidValset.selector);
        bridge.submitCheckpoint(other, cp, sigs);
    }

    function test_staleAndSkippedNumbersAreRefused() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(2, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.WrongCheckpointNumber.selector, 1, 2));
        bridge.submitCheckpoint(valset, cp, sigs);
        cp = _checkpoint(1, 1, 10, 0);
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        sigs = _sign(cp, _all());
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.WrongCheckpointNumber.selector, 2, 1));
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    function test_heightRangeAndSidechainAreChecked() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 2, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        vm.expectRevert(PocoBridge.WrongHeightRange.selector);
        bridge.submitCheckpoint(valset, cp, sigs);
        cp = _checkpoint(1, 1, 0, 0);
        sigs = _sign(cp, _all());
        vm.expectRevert(PocoBridge.WrongHeightRange.selector);
        bridge.submitCheckpoint(valset, cp, sigs);
        cp = _checkpoint(1, 1, 10, 0);
        cp.sidechainId = keccak256("other");
        sigs = _sign(cp, _all());
        vm.expectRevert(PocoBridge.WrongSidechain.selector);
        bridge.submitCheckpoint(valset, cp, sigs);
        cp = _checkpoint(1, 1, 10, 0);
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        cp = _checkpoint(2, 10, 20, 0);
        sigs = _sign(cp, _all());
        vm.expectRevert(PocoBridge.WrongHeightRange.selector);
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    function test_lengthsMustMatch() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        PocoBridge.Signature[] memory short = new PocoBridge.Signature[](3);
        for (uint256 i = 0; i < 3; i++) short[i] = sigs[i];
        vm.expectRevert(PocoBridge.LengthMismatch.selector);
        bridge.submitCheckpoint(valset, cp, short);
    }

    function test_signatureUnderAnotherValidatorIsRefused() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, 0));
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    function test_duplicatedSignerIsRefused() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, 0x3);
        sigs[2] = sigs[0];
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, 2));
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    function test_malleableTwinIsRefused() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        uint256 n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;
        sigs[3] = PocoBridge.Signature(sigs[3].v == 27 ? 28 : 27, sigs[3].r, bytes32(n - uint256(sigs[3].s)));
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, 3));
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    function test_exactlyTwoThirdsIsNotEnough() public {
        uint256[] memory powers = new uint256[](3);
        powers[0] = 1;
        powers[1] = 1;
        powers[2] = 1;
        _deploy(powers, 2000);
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, 0x3);
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InsufficientPower.selector, 2, 3));
        bridge.submitCheckpoint(valset, cp, sigs);
        bridge.submitCheckpoint(valset, cp, _sign(cp, 0x7));
    }

    /// A set of zero total power (a majority may hand the bridge to one) never signs, even
    /// unanimously; a set with powers above the genesis bound (here summing past 2^256, which
    /// must not wrap around) is refused unless all of it signs.
    function test_zeroAndOverflowingPowersDoNotSign() public {
        address[] memory vals = new address[](3);
        for (uint256 i = 0; i < 3; i++) vals[i] = vm.addr(6000 + i);
        uint256[] memory zero = new uint256[](3);
        PocoBridge.Valset memory dead = PocoBridge.Valset(1, vals, zero);
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        cp.nextValsetHash = _valsetHash(dead);
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        keys = new uint256[](3);
        for (uint256 i = 0; i < 3; i++) keys[i] = 6000 + i;
        valset = dead;
        PocoBridge.Checkpoint memory cp2 = _checkpoint(2, 11, 20, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp2, _all());
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InsufficientPower.selector, 0, 0));
        bridge.submitCheckpoint(dead, cp2, sigs);

        _deploy(_equalPowers(4), 1000);
        uint256[] memory huge = new uint256[](3);
        huge[0] = 1 << 255;
        huge[1] = 1 << 255;
        huge[2] = 1;
        PocoBridge.Valset memory wide = PocoBridge.Valset(1, vals, huge);
        cp.nextValsetHash = _valsetHash(wide);
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        keys = new uint256[](3);
        for (uint256 i = 0; i < 3; i++) keys[i] = 6000 + i;
        valset = wide;
        cp2.nextValsetHash = _valsetHash(wide);
        sigs = _sign(cp2, 0x4); // the validator of power 1 alone: the total must not wrap to 1
        vm.expectRevert(PocoBridge.InvalidValset.selector);
        bridge.submitCheckpoint(wide, cp2, sigs);
        bridge.submitCheckpoint(wide, cp2, _sign(cp2, _all()));
        assertEq(bridge.lastCheckpoint(), 2, "all of the power signed");
    }

    function test_rotationLeavesTheOldSetBehind() public {
        PocoBridge.Valset memory old = valset;
        address[] memory vals = new address[](4);
        for (uint256 i = 0; i < 4; i++) vals[i] = vm.addr(5000 + i);
        PocoBridge.Valset memory next = PocoBridge.Valset(1, vals, _equalPowers(4));
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        cp.nextValsetHash = _valsetHash(next);
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        assertTrue(bridge.valsetHash() == _valsetHash(next), "rotated");
        // the old set signs checkpoint 2: refused
        PocoBridge.Checkpoint memory cp2 = _checkpoint(2, 11, 20, 0);
        cp2.nextValsetHash = _valsetHash(next);
        PocoBridge.Signature[] memory oldSigs = _sign(cp2, _all());
        vm.expectRevert(PocoBridge.InvalidValset.selector);
        bridge.submitCheckpoint(old, cp2, oldSigs);
        // the new set signs it: accepted
        keys = new uint256[](4);
        for (uint256 i = 0; i < 4; i++) keys[i] = 5000 + i;
        valset = next;
        bridge.submitCheckpoint(next, cp2, _sign(cp2, _all()));
        assertEq(bridge.lastCheckpoint(), 2, "second checkpoint");
    }

    function test_withdrawalsAreProvenOnceAgainstTheirCheckpoint() public {
        _fund(1000);
        bytes32[] memory leaves = new bytes32[](3);
        PocoBridge.Withdrawal[] memory ws = new PocoBridge.Withdrawal[](3);
        for (uint256 i = 0; i < 3; i++) {
            ws[i] = PocoBridge.Withdrawal(i + 1, address(uint160(0xC000 + i)), 100 * (i + 1));
            leaves[i] = _leaf(ws[i]);
        }
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, _root(leaves));
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        PocoBridge.Checkpoint memory cp2 = _checkpoint(2, 11, 20, keccak256("another root"));
        bridge.submitCheckpoint(valset, cp2, _sign(cp2, _all()));

        bytes32[] memory proof = _proof(leaves, 1);
        vm.expectRevert(PocoBridge.InvalidProof.selector);
        bridge.withdraw(2, ws[1], proof);
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.UnknownCheckpoint.selector, 3));
        bridge.withdraw(3, ws[1], proof);
        PocoBridge.Withdrawal memory forged = PocoBridge.Withdrawal(2, ws[1].recipient, 10_000);
        vm.expectRevert(PocoBridge.InvalidProof.selector);
        bridge.withdraw(1, forged, proof);

        bridge.withdraw(1, ws[1], proof);
        assertEq(rlc.balanceOf(ws[1].recipient), 200, "paid");
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.AlreadyClaimed.selector, 2));
        bridge.withdraw(1, ws[1], proof);
        assertTrue(bridge.claimed(2), "marked");
    }

    function test_constructorRefusesBadSets() public {
        address[] memory vals = new address[](2);
        vals[0] = address(1);
        vals[1] = address(1);
        uint256[] memory powers = _equalPowers(2);
        vm.expectRevert(PocoBridge.InvalidValset.selector);
        new PocoBridge(address(rlc), SIDECHAIN, vals, powers);
        vals[1] = address(2);
        powers[0] = 0;
        powers[1] = 0;
        vm.expectRevert(PocoBridge.InvalidValset.selector);
        new PocoBridge(address(rlc), SIDECHAIN, vals, powers);
    }

    function test_zeroNextValsetIsRefused() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        cp.nextValsetHash = bytes32(0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        vm.expectRevert(PocoBridge.InvalidNextValset.selector);
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    function test_checkpointZeroAndTheLargestEndHeightAreRefused() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(0, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.WrongCheckpointNumber.selector, 1, 0));
        bridge.submitCheckpoint(valset, cp, sigs);
        cp = _checkpoint(1, 1, type(uint64).max, 0);
        sigs = _sign(cp, _all());
        vm.expectRevert(PocoBridge.WrongHeightRange.selector);
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    /// Thirteen checkpoints cross three end-height slots; every one stays readable and the
    /// last one is found.
    function test_manyCheckpointsStayReadable() public {
        assertEq(bridge.lastCheckpoint(), 0, "none yet");
        for (uint256 n = 1; n <= 13; n++) {
            PocoBridge.Checkpoint memory cp = _checkpoint(n, uint64(10 * n - 9), uint64(10 * n), bytes32(n));
            bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
            assertEq(bridge.lastCheckpoint(), n, "last");
        }
        for (uint256 n = 1; n <= 13; n++) {
            (bytes32 appHash, bytes32 root, uint64 end) = bridge.checkpoints(n);
            assertTrue(appHash == keccak256(abi.encode("app", n)) && root == bytes32(n), "roots");
            assertEq(end, 10 * n, "end height");
        }
        (bytes32 a0, bytes32 r0, uint64 e0) = bridge.checkpoints(0);
        (bytes32 a14, bytes32 r14, uint64 e14) = bridge.checkpoints(14);
        assertTrue(a0 == 0 && r0 == 0 && e0 == 0 && a14 == 0 && r14 == 0 && e14 == 0, "absent are zero");
        PocoBridge.Checkpoint memory stale = _checkpoint(4, 31, 40, 0);
        PocoBridge.Signature[] memory sigs = _sign(stale, _all());
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.WrongCheckpointNumber.selector, 14, 4));
        bridge.submitCheckpoint(valset, stale, sigs);
    }

    function test_aCheckpointWithSkippedSignersAboveTwoThirdsIsAccepted() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        bridge.submitCheckpoint(valset, cp, _sign(cp, 0xb)); // 3 of 4 equal powers
        assertEq(bridge.lastCheckpoint(), 1, "accepted");
    }

    function test_unrecoverableAndForeignSignaturesAreRefused() public {
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        sigs[1].r = bytes32(0); // the precompile recovers nothing
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, 1));
        bridge.submitCheckpoint(valset, cp, sigs);
        sigs = _sign(cp, _all());
        sigs[2].v = 29;
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, 2));
        bridge.submitCheckpoint(valset, cp, sigs);
        // signatures of another checkpoint (another app hash) do not carry over
        PocoBridge.Checkpoint memory other = _checkpoint(1, 1, 10, 0);
        other.appHash = keccak256("another app hash");
        sigs = _sign(other, _all());
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, 0));
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    /// A signature is bound to the bridge's address through the EIP-712 domain: signatures made
    /// for an identical bridge elsewhere are refused.
    function test_signaturesForAnotherBridgeAreRefused() public {
        PocoBridge twin = new PocoBridge(address(rlc), SIDECHAIN, valset.validators, valset.powers);
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, 0));
        twin.submitCheckpoint(valset, cp, sigs);
    }

    function test_withdrawalFromCheckpointZeroIsRefused() public {
        PocoBridge.Withdrawal memory w = PocoBridge.Withdrawal(1, BOB, 1);
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.UnknownCheckpoint.selector, 0));
        bridge.withdraw(0, w, new bytes32[](0));
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.UnknownCheckpoint.selector, 1));
        bridge.withdraw(1, w, new bytes32[](0));
    }

    function test_tokenHasNineDecimals() public view {
        assertEq(rlc.decimals(), 9, "decimals");
    }
}
