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

    struct StoredCheckpoint {
        bytes32 appHash;
        bytes32 withdrawalRoot;
        uint64 endHeight;
    }

    bytes32 public constant CHECKPOINT_TYPEHASH = keccak256(
        "Checkpoint(uint256 number,bytes32 sidechainId,uint64 startHeight,uint64 endHeight,bytes32 appHash,bytes32 withdrawalRoot,bytes32 nextValsetHash)"
    );

    /// secp256k1n / 2: signatures with a larger s are the malleable twins of valid ones.
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    IERC20 public immutable token;
    bytes32 public immutable sidechainId;

    bytes32 public valsetHash;
    uint256 public lastCheckpoint;
    uint256 public depositNonce;
    mapping(uint256 => StoredCheckpoint) public checkpoints;
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
            if (validators[i] == address(0)) revert InvalidValset();
            for (uint256 j = 0; j < i; j++) {
                if (validators[j] == validators[i]) revert InvalidValset();
            }
            total += powers[i];
        }
        if (total == 0) revert InvalidValset();
        token = IERC20(token_);
        sidechainId = sidechainId_;
        valsetHash = keccak256(abi.encode(Valset(0, validators, powers)));
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
        uint256 n = current.validators.length;
        if (current.powers.length != n || sigs.length != n) revert LengthMismatch();
        if (_hashValset(current) != valsetHash) revert InvalidValset();
        uint256 last = lastCheckpoint;
        if (cp.number != last + 1) revert WrongCheckpointNumber(last + 1, cp.number);
        if (cp.sidechainId != sidechainId) revert WrongSidechain();
        if (cp.startHeight != checkpoints[last].endHeight + 1 || cp.endHeight < cp.startHeight) {
            revert WrongHeightRange();
        }
        if (cp.nextValsetHash == bytes32(0)) revert InvalidValset();

        (uint256 signed, uint256 total) = _signedPower(checkpointDigest(cp), current, sigs);
        if (signed * 3 <= total * 2) revert InsufficientPower(signed, total);

        checkpoints[cp.number] = StoredCheckpoint(cp.appHash, cp.withdrawalRoot, cp.endHeight);
        lastCheckpoint = cp.number;
        if (cp.nextValsetHash != valsetHash) {
            emit ValsetUpdated(valsetHash, cp.nextValsetHash);
            valsetHash = cp.nextValsetHash;
        }
        emit CheckpointSubmitted(cp.number, cp.endHeight, cp.appHash, cp.withdrawalRoot, cp.nextValsetHash);
    }

    /// keccak256(abi.encode(current)), built by copying the two arrays from calldata instead of
    /// re-encoding them element by element. Equal lengths are checked by the caller. Dirty
    /// upper bits in an address word change the hash, so such a set never matches.
    function _hashValset(Valset calldata current) private pure returns (bytes32 h) {
        address[] calldata validators = current.validators;
        uint256[] calldata powers = current.powers;
        uint256 nonce = current.nonce;
        assembly ("memory-safe") {
            let n := validators.length
            let size := mul(n, 0x20)
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

    /// The power of the validators whose signature over `digest` is valid, and the set's total.
    /// A signature that is present (v != 0) but malleable or by anyone else reverts.
    function _signedPower(bytes32 digest, Valset calldata current, Signature[] calldata sigs)
        private
        view
        returns (uint256 signed, uint256 total)
    {
        address[] calldata validators = current.validators;
        uint256[] calldata powers = current.powers;
        uint256 bad = type(uint256).max;
        // Lengths are equal (checked by the caller); each Signature is three static words. The
        // precompile's input goes to scratch memory 0x00-0x7f; the free memory pointer and the
        // zero slot are restored afterwards.
        assembly ("memory-safe") {
            let freePtr := mload(0x40)
            let n := validators.length
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let power := calldataload(add(powers.offset, shl(5, i)))
                let t := add(total, power)
                if lt(t, total) { revert(0, 0) }
                total := t
                let sig := add(sigs.offset, mul(i, 0x60))
                let v := calldataload(sig)
                if v {
                    let sv := calldataload(add(sig, 0x40))
                    mstore(0x00, digest)
                    mstore(0x20, v)
                    mstore(0x40, calldataload(add(sig, 0x20)))
                    mstore(0x60, sv)
                    let ok := staticcall(gas(), 0x01, 0x00, 0x80, 0x00, 0x20)
                    let signer := mload(0x00)
                    if or(or(gt(sv, HALF_ORDER), gt(v, 0xff)), or(iszero(ok), iszero(returndatasize()))) {
                        signer := 0
                    }
                    if or(iszero(signer), iszero(eq(signer, calldataload(add(validators.offset, shl(5, i)))))) {
                        bad := i
                        break
                    }
                    signed := add(signed, power)
                }
            }
            mstore(0x40, freePtr)
            mstore(0x60, 0)
        }
        if (bad != type(uint256).max) revert InvalidSignature(bad);
    }

    /// @notice Pays withdrawal `w` to its recipient if it is a leaf of checkpoint
    /// `checkpointNumber`'s withdrawal root and was never claimed. Anyone may submit.
    function withdraw(uint256 checkpointNumber, Withdrawal calldata w, bytes32[] calldata proof) external {
        if (checkpointNumber == 0 || checkpointNumber > lastCheckpoint) revert UnknownCheckpoint(checkpointNumber);
        if (claimed[w.id]) revert AlreadyClaimed(w.id);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(w.id, w.recipient, w.amount))));
        if (!MerkleProof.verifyCalldata(proof, checkpoints[checkpointNumber].withdrawalRoot, leaf)) {
            revert InvalidProof();
        }
        claimed[w.id] = true;
        token.safeTransfer(w.recipient, w.amount);
        emit Withdrawn(w.id, w.recipient, w.amount);
    }
}
