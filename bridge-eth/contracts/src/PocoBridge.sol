// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title PocoBridge: RLC between Ethereum and the PoCo sidechain (bridge.md §1).
/// @notice Deposits lock RLC here and are credited on the sidechain. Checkpoints signed by more
/// than two thirds of the current validator set's power anchor the sidechain's app hash and the
/// root of its withdrawals; withdrawals are then claimed here with a Merkle proof. There is no
/// admin key: the validator set changes only through checkpoints it signed itself.
contract PocoBridge is EIP712 {
    using SafeERC20 for IERC20;

    struct Valset {
        uint256 nonce;
        address[] validators;
        uint256[] powers;
    }

    struct Checkpoint {
        uint256 number;
        bytes32 sidechainId;
        uint64 startHeight;
        uint64 endHeight;
        bytes32 appHash;
        bytes32 withdrawalRoot;
        bytes32 nextValsetHash;
    }

    struct Signature {
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    struct Withdrawal {
        uint256 id;
        address recipient;
        uint256 amount;
    }

    /// The two roots kept of an accepted checkpoint (its end height is kept in `_endHeights`).
    struct Anchors {
        bytes32 appHash;
        bytes32 withdrawalRoot;
    }

    bytes32 public constant CHECKPOINT_TYPEHASH = keccak256(
        "Checkpoint(uint256 number,bytes32 sidechainId,uint64 startHeight,uint64 endHeight,bytes32 appHash,bytes32 withdrawalRoot,bytes32 nextValsetHash)"
    );

    /// secp256k1n / 2: signatures with a larger s are the malleable twins of valid ones.
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// The largest power of a validator: sums of such powers cannot overflow. Checked at genesis;
    /// later sets arrive only as a hash, and `_totalPower` refuses one with a larger power.
    uint256 private constant MAX_POWER = type(uint128).max;

    IERC20 public immutable token;
    bytes32 public immutable sidechainId;

    /// keccak256(abi.encode(Valset)) of the set that signs the next checkpoint.
    bytes32 public valsetHash;
    /// The nonce of the last deposit (0 before any).
    uint256 public depositNonce;
    /// The roots of accepted checkpoints by number: 1, 2, 3, ... without gaps.
    mapping(uint256 => Anchors) private _anchors;
    /// `endHeight + 1` (the start height the next checkpoint must have) of accepted checkpoints,
    /// four uint64 per slot: checkpoint n in bits [64 * (n % 4), 64 * (n % 4) + 64) of slot n / 4,
    /// so that three checkpoints in four update a slot instead of filling a new one. Zero means
    /// absent. Checkpoint 0 is the genesis (end height 0), stored by the constructor.
    mapping(uint256 => uint256) private _nextStarts;
    mapping(uint256 => bool) public claimed;

    event Deposit(uint256 indexed nonce, address indexed from, address indexed recipient, uint256 amount);
    event CheckpointSubmitted(
        uint256 indexed number, uint64 endHeight, bytes32 appHash, bytes32 withdrawalRoot, bytes32 nextValsetHash
    );
    event ValsetUpdated(bytes32 indexed oldValsetHash, bytes32 indexed newValsetHash);
    event Withdrawn(uint256 indexed id, address indexed recipient, uint256 amount);

    error InvalidValset();
    error LengthMismatch();
    error WrongCheckpointNumber(uint256 expected, uint256 got);
    error WrongSidechain();
    error WrongHeightRange();
    error InvalidNextValset();
    error InvalidSignature(uint256 index);
    error InsufficientPower(uint256 signed, uint256 total);
    error UnknownCheckpoint(uint256 number);
    error AlreadyClaimed(uint256 id);
    error InvalidProof();
    error ZeroAmount();
    error ZeroAddress();

    constructor(address token_, bytes32 sidechainId_, address[] memory validators, uint256[] memory powers)
        EIP712("PocoBridge", "1")
    {
        if (token_ == address(0)) revert ZeroAddress();
        if (validators.length == 0 || validators.length != powers.length) revert InvalidValset();
        uint256 total;
        for (uint256 i = 0; i < validators.length; i++) {
            if (validators[i] == address(0) || powers[i] > MAX_POWER) revert InvalidValset();
            for (uint256 j = 0; j < i; j++) {
                if (validators[j] == validators[i]) revert InvalidValset();
            }
            total += powers[i];
        }
        if (total == 0) revert InvalidValset();
        token = IERC20(token_);
        sidechainId = sidechainId_;
        valsetHash = keccak256(abi.encode(Valset(0, validators, powers)));
        _nextStarts[0] = 1;
    }

    /// @notice Checkpoint `number` as accepted (all zero if it was not).
    function checkpoints(uint256 number)
        external
        view
        returns (bytes32 appHash, bytes32 withdrawalRoot, uint64 endHeight)
    {
        uint256 nextStart = _nextStart(number);
        if (number == 0 || nextStart == 0) return (0, 0, 0);
        Anchors storage anchors = _anchors[number];
        return (anchors.appHash, anchors.withdrawalRoot, uint64(nextStart - 1));
    }

    /// @notice The number of the last accepted checkpoint (0 before any). Checkpoints are stored
    /// without gaps from 1, so this searches for the last one (a view for off-chain callers).
    function lastCheckpoint() public view returns (uint256) {
        uint256 low = 0; // stored (the genesis)
        uint256 high = 1; // searched for: an absent one
        while (_nextStart(high) != 0) {
            low = high;
            high *= 2;
        }
        while (high - low > 1) {
            uint256 mid = low + (high - low) / 2;
            if (_nextStart(mid) != 0) low = mid;
            else high = mid;
        }
        return low;
    }

    function _nextStart(uint256 number) private view returns (uint256) {
        return uint64(_nextStarts[number >> 2] >> ((number & 3) << 6));
    }

    /// @notice Locks `amount` RLC (pulled with transferFrom) for `recipient` on the sidechain.
    function deposit(uint256 amount, address recipient) external {
        if (amount == 0) revert ZeroAmount();
        if (recipient == address(0)) revert ZeroAddress();
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 nonce = ++depositNonce;
        emit Deposit(nonce, msg.sender, recipient, amount);
    }

    /// @notice The EIP-712 digest validators sign for `cp`.
    function checkpointDigest(Checkpoint calldata cp) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    CHECKPOINT_TYPEHASH,
                    cp.number,
                    cp.sidechainId,
                    cp.startHeight,
                    cp.endHeight,
                    cp.appHash,
                    cp.withdrawalRoot,
                    cp.nextValsetHash
                )
            )
        );
    }

    /// @notice The EIP-712 domain separator (name "PocoBridge", version "1", chain id, this address).
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice Accepts checkpoint `cp` when validators of `current` holding strictly more than
    /// two thirds of its power signed it; `sigs[i]` belongs to `current.validators[i]`, v = 0 skips.
    function submitCheckpoint(Valset calldata current, Checkpoint calldata cp, Signature[] calldata sigs) external {
        bytes32 setHash = _checkValset(current, sigs.length);
        (uint256 nextStarts, uint256 shift) = _checkSequence(cp);
        _checkSignatures(current, cp, sigs);

        uint256 number = cp.number;
        _anchors[number] = Anchors(cp.appHash, cp.withdrawalRoot);
        _nextStarts[number >> 2] = nextStarts | (uint256(cp.endHeight + 1) << shift);
        if (cp.nextValsetHash != setHash) {
            valsetHash = cp.nextValsetHash;
            emit ValsetUpdated(setHash, cp.nextValsetHash);
        }
        // emit CheckpointSubmitted(number, endHeight, appHash, withdrawalRoot, nextValsetHash): the
        // last four are consecutive words of cp, copied as they are (endHeight was validated)
        bytes32 topic = CheckpointSubmitted.selector;
        assembly ("memory-safe") {
            let m := mload(0x40)
            calldatacopy(m, add(cp, 0x60), 0x80)
            log2(m, 0x80, topic, calldataload(cp))
        }
    }

    /// The current set hash, after checking that `current` is the set it commits to and that
    /// there is one signature per validator.
    function _checkValset(Valset calldata current, uint256 signatures) private view returns (bytes32 setHash) {
        address[] calldata validators = current.validators;
        uint256[] calldata powers = current.powers;
        if (powers.length != validators.length || signatures != validators.length) revert LengthMismatch();
        setHash = valsetHash;
        if (_hashValset(current.nonce, validators, powers) != setHash) revert InvalidValset();
    }

    /// Checks that `cp` follows the last checkpoint (number, sidechain, heights, next set) and
    /// returns the end-height slot it goes to, with the bit position in it.
    function _checkSequence(Checkpoint calldata cp) private view returns (uint256 nextStarts, uint256 shift) {
        // number must be the next one: its predecessor is stored (the genesis is 0) and it is not
        uint256 number = cp.number;
        shift = (number & 3) << 6;
        nextStarts = _nextStarts[number >> 2];
        uint256 start = number == 0 ? 0 : (shift != 0 ? uint64(nextStarts >> (shift - 64)) : _nextStart(number - 1));
        if (start == 0 || uint64(nextStarts >> shift) != 0) revert WrongCheckpointNumber(lastCheckpoint() + 1, number);
        if (cp.sidechainId != sidechainId) revert WrongSidechain();
        uint64 endHeight = cp.endHeight;
        if (cp.startHeight != start || endHeight < start || endHeight == type(uint64).max) revert WrongHeightRange();
        if (cp.nextValsetHash == bytes32(0)) revert InvalidNextValset();
    }

    /// Checks the signatures of `cp` and that they carry strictly more than two thirds of the power.
    function _checkSignatures(Valset calldata current, Checkpoint calldata cp, Signature[] calldata sigs)
        private
        view
    {
        bytes32 digest = _hashTypedDataV4(_structHash(cp));
        uint256 missing = _verifySignatures(digest, current.validators, current.powers, sigs);
        // with no power missing, the signed power is the whole power, which is strictly more
        // than two thirds of itself unless it is zero: no need to add it up
        if (missing == 0 && _anyPower(current.powers)) return;
        uint256 total = _totalPower(current.powers);
        uint256 signed = total - missing; // missing adds up some of the powers
        // 3 signed > 2 total, that is signed > 2 missing, without overflowing
        if (signed <= missing || signed - missing <= missing) revert InsufficientPower(signed, total);
    }

    /// EIP-712 hashStruct(cp): the type hash and the seven words of cp (already validated by the
    /// caller, which read its uint64 fields).
    function _structHash(Checkpoint calldata cp) private pure returns (bytes32 h) {
        bytes32 typeHash = CHECKPOINT_TYPEHASH;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, typeHash)
            calldatacopy(add(m, 0x20), cp, 0xe0)
            h := keccak256(m, 0x100)
        }
    }

    /// keccak256(abi.encode(current)), built by copying the two arrays from calldata instead of
    /// re-encoding them element by element. Equal lengths are checked by the caller. Dirty
    /// upper bits in an address word change the hash, so such a set never matches.
    function _hashValset(uint256 nonce, address[] calldata validators, uint256[] calldata powers)
        private
        pure
        returns (bytes32 h)
    {
        assembly ("memory-safe") {
            let n := validators.length
            let size := shl(5, n)
            let p := mload(0x40)
            mstore(p, 0x20)
            mstore(add(p, 0x20), nonce)
            mstore(add(p, 0x40), 0x60)
            mstore(add(p, 0x60), add(0x80, size))
            mstore(add(p, 0x80), n)
            calldatacopy(add(p, 0xa0), validators.offset, size)
            let q := add(add(p, 0xa0), size)
            mstore(q, n)
            calldatacopy(add(q, 0x20), powers.offset, size)
            h := keccak256(p, sub(add(add(q, 0x20), size), p))
        }
    }

    /// The power of the validators that did not sign (v = 0), saturated at 2^256 - 1. A
    /// signature that is present but malleable, unrecoverable or not by the validator at its
    /// index reverts with that index.
    function _verifySignatures(
        bytes32 digest,
        address[] calldata validators,
        uint256[] calldata powers,
        Signature[] calldata sigs
    ) private view returns (uint256 missing) {
        uint256 bad;
        // Lengths are equal (checked by the caller); a Signature is three static words. Each
        // signature is copied after the digest to scratch memory 0x00-0x7f (digest, v, r, s: the
        // ecrecover input; the free memory pointer and the zero slot are restored after the
        // loops) and, if v != 0, recovered into free memory. It is bad unless the precompile
        // returned an address (a failed recovery returns no data), that address is the
        // validator's at the same index, and s is in the lower half. Failures are OR-ed into
        // `bad` and looked at once, after the loops. The same step is written out four times in
        // the second loop, which saves most of the loop's own cost.
        assembly {
            let out := mload(0x40)
            mstore(0x00, digest)
            let vp := validators.offset
            let sp := sigs.offset
            let end := add(vp, shl(5, validators.length))
            let delta := sub(powers.offset, vp)
            // the first n % 4 validators one at a time
            for { let head := add(vp, shl(5, and(validators.length, 3))) } lt(vp, head) {
                vp := add(vp, 0x20)
                sp := add(sp, 0x60)
            } {
                calldatacopy(0x20, sp, 0x60)
                switch mload(0x20)
                case 0 {
                    let power := calldataload(add(vp, delta))
                    missing := add(missing, power)
                    if lt(missing, power) { missing := not(0) }
                }
                default {
                    pop(staticcall(gas(), 0x01, 0x00, 0x80, out, 0x20))
                    bad := or(
                        bad,
                        or(
                            or(iszero(returndatasize()), xor(mload(out), calldataload(vp))),
                            gt(mload(0x60), HALF_ORDER)
                        )
                    )
                }
            }
            // then four at a time
            for { } lt(vp, end) {
                vp := add(vp, 0x80)
                sp := add(sp, 0x180)
            } {
                calldatacopy(0x20, sp, 0x60)
                switch mload(0x20)
                case 0 {
                    let power := calldataload(add(vp, delta))
                    missing := add(missing, power)
                    if lt(missing, power) { missing := not(0) }
                }
                default {
                    pop(staticcall(gas(), 0x01, 0x00, 0x80, out, 0x20))
                    bad := or(
                        bad,
                        or(
                            or(iszero(returndatasize()), xor(mload(out), calldataload(vp))),
                            gt(mload(0x60), HALF_ORDER)
                        )
                    )
                }
                calldatacopy(0x20, add(sp, 0x60), 0x60)
                switch mload(0x20)
                case 0 {
                    let power := calldataload(add(add(vp, 0x20), delta))
                    missing := add(missing, power)
                    if lt(missing, power) { missing := not(0) }
                }
                default {
                    pop(staticcall(gas(), 0x01, 0x00, 0x80, out, 0x20))
                    bad := or(
                        bad,
                        or(
                            or(iszero(returndatasize()), xor(mload(out), calldataload(add(vp, 0x20)))),
                            gt(mload(0x60), HALF_ORDER)
                        )
                    )
                }
                calldatacopy(0x20, add(sp, 0xc0), 0x60)
                switch mload(0x20)
                case 0 {
                    let power := calldataload(add(add(vp, 0x40), delta))
                    missing := add(missing, power)
                    if lt(missing, power) { missing := not(0) }
                }
                default {
                    pop(staticcall(gas(), 0x01, 0x00, 0x80, out, 0x20))
                    bad := or(
                        bad,
                        or(
                            or(iszero(returndatasize()), xor(mload(out), calldataload(add(vp, 0x40)))),
                            gt(mload(0x60), HALF_ORDER)
                        )
                    )
                }
                calldatacopy(0x20, add(sp, 0x120), 0x60)
                switch mload(0x20)
                case 0 {
                    let power := calldataload(add(add(vp, 0x60), delta))
                    missing := add(missing, power)
                    if lt(missing, power) { missing := not(0) }
                }
                default {
                    pop(staticcall(gas(), 0x01, 0x00, 0x80, out, 0x20))
                    bad := or(
                        bad,
                        or(
                            or(iszero(returndatasize()), xor(mload(out), calldataload(add(vp, 0x60)))),
                            gt(mload(0x60), HALF_ORDER)
                        )
                    )
                }
            }
            mstore(0x40, out)
            mstore(0x60, 0)
        }
        if (bad != 0) revert InvalidSignature(_firstInvalidSignature(digest, validators, sigs));
    }

    /// Whether some validator has a nonzero power (the first one, as a rule).
    function _anyPower(uint256[] calldata powers) private pure returns (bool) {
        for (uint256 i = 0; i < powers.length; i++) {
            if (powers[i] != 0) return true;
        }
        return false;
    }

    /// The set's total power. A power above MAX_POWER (refused at genesis) makes the set
    /// invalid here too, so the sum cannot wrap around.
    function _totalPower(uint256[] calldata powers) private pure returns (uint256 total) {
        uint256 wide;
        assembly {
            let pp := powers.offset
            let end := add(pp, shl(5, powers.length))
            for { let head := add(pp, shl(5, and(powers.length, 3))) } lt(pp, head) { pp := add(pp, 0x20) } {
                let power := calldataload(pp)
                total := add(total, power)
                wide := or(wide, power)
            }
            for { } lt(pp, end) { pp := add(pp, 0x80) } {
                let p0 := calldataload(pp)
                let p1 := calldataload(add(pp, 0x20))
                let p2 := calldataload(add(pp, 0x40))
                let p3 := calldataload(add(pp, 0x60))
                total := add(total, add(add(p0, p1), add(p2, p3)))
                wide := or(wide, or(or(p0, p1), or(p2, p3)))
            }
        }
        if (wide > MAX_POWER) revert InvalidValset();
    }

    /// The index of the first present signature that does not pass (failure path only).
    function _firstInvalidSignature(bytes32 digest, address[] calldata validators, Signature[] calldata sigs)
        private
        pure
        returns (uint256)
    {
        for (uint256 i = 0; i < sigs.length; i++) {
            Signature calldata sig = sigs[i];
            if (sig.v == 0) continue;
            if (uint256(sig.s) > HALF_ORDER || ecrecover(digest, sig.v, sig.r, sig.s) != validators[i]) return i;
        }
        return sigs.length;
    }

    /// @notice Pays withdrawal `w` to its recipient if it is a leaf of checkpoint
    /// `checkpointNumber`'s withdrawal root and was never claimed. Anyone may submit.
    function withdraw(uint256 checkpointNumber, Withdrawal calldata w, bytes32[] calldata proof) external {
        if (checkpointNumber == 0 || _nextStart(checkpointNumber) == 0) revert UnknownCheckpoint(checkpointNumber);
        if (claimed[w.id]) revert AlreadyClaimed(w.id);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(w.id, w.recipient, w.amount))));
        if (!MerkleProof.verifyCalldata(proof, _anchors[checkpointNumber].withdrawalRoot, leaf)) revert InvalidProof();
        claimed[w.id] = true;
        token.safeTransfer(w.recipient, w.amount);
        emit Withdrawn(w.id, w.recipient, w.amount);
    }
}
