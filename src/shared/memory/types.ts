// The memory model's vocabulary: what a firmware image puts where (docs/firmware-protocol.md §11). Pure data, both
// sides use it.

/** How sure we are of a figure: read in the firmware source, from the library, or computed/reconstructed. */
export type Confidence = 'code' | 'lib' | 'derived';

/** A physical memory bank of the STM32H723 + NUCLEO-MEM, as drawn on the region map. */
export interface MemoryBank {
  readonly id: BankId;
  readonly label: string;
  readonly origin: number;
  readonly length: number;
  /** What the silicon is and who can reach it (one line). */
  readonly note: string;
  /** The Ethernet DMA can read and write it directly. */
  readonly ethDmaReachable: boolean;
  /** Behind the OCTOSPI controller (external PSRAM). */
  readonly octospi: boolean;
}

export type BankId =
  | 'itcm'
  | 'flash'
  | 'dtcm'
  | 'axi'
  | 'sram1'
  | 'sram2'
  | 'sram4'
  | 'backup'
  | 'psram-cached'
  | 'psram-uncached';

/** One `MEMORY` region of a GNU ld linker script. */
export interface LinkerRegion {
  readonly name: string;
  readonly origin: number;
  readonly length: number;
  /** Attribute letters as written, e.g. "xrw". */
  readonly attributes: string;
}

/** Something that occupies bytes in a linker region: a pool buffer, a section, a reserve. */
export interface Placement {
  readonly id: string;
  readonly label: string;
  /** Linker region it is placed in. */
  readonly region: string;
  readonly size: number;
  /** Start address when known (laid out by the model or read from a map file). */
  readonly address?: number;
  readonly kind: 'packet-pool' | 'byte-pool' | 'buffer' | 'section' | 'reserve';
  /** Linker input section the firmware puts it in, e.g. ".dma_buffer". */
  readonly section?: string;
  readonly confidence: Confidence;
}

/** What lives in a byte pool, in allocation order. */
export interface BytePoolAllocation {
  readonly label: string;
  readonly size: number;
}

/** A ThreadX byte pool of the firmware. */
export interface BytePoolSpec {
  readonly id: BytePoolId;
  /** Exact name passed to `tx_byte_pool_create`. */
  readonly name: string;
  readonly size: number;
  /** Linker region of its buffer. */
  readonly region: string;
  readonly section: string;
  readonly allocations: readonly BytePoolAllocation[];
}

export type BytePoolId = 'tx' | 'fx' | 'nx';

/** A NetX packet pool of the firmware. */
export interface PacketPoolSpec {
  readonly id: PacketPoolId;
  /** Exact name passed to `nx_packet_pool_create`. */
  readonly name: string;
  /** Short name for sentences ("FTP packet pool"). */
  readonly short: string;
  /** Payload bytes per packet. */
  readonly payload: number;
  /** Bytes of the pool buffer; packets = floor(bytes / (payload + header)). */
  readonly bytes: number;
  readonly region: string;
  readonly section: string;
  /** What traffic uses it. */
  readonly role: string;
  /** The Ethernet DMA reads (TX) or writes (RX) its packets directly. */
  readonly dmaFed: boolean;
}

export type PacketPoolId = 'main' | 'http' | 'ftp' | 'ws';

/** A ThreadX thread of the firmware. */
export interface ThreadSpec {
  readonly name: string;
  readonly entry: string;
  readonly stack: number;
  /** Lower number = higher priority. */
  readonly priority: number;
  readonly start: string;
  /** Byte pool id its stack comes from, or "internal". */
  readonly stackFrom: BytePoolId | 'internal';
}

/** Cache behaviour an MPU region gives its memory. */
export type CachePolicy = 'no-access' | 'strongly-ordered' | 'non-cacheable' | 'write-through' | 'write-back';

/** One Cortex-M7 MPU region as the firmware programs it. */
export interface MpuRegion {
  readonly number: number;
  readonly base: number;
  readonly size: number;
  /** Sub-region disable mask (bit n set = sub-region n falls through). */
  readonly srd: number;
  readonly tex: number;
  readonly cacheable: boolean;
  readonly bufferable: boolean;
  readonly shareable: boolean;
  readonly access: string;
  readonly executeNever: boolean;
  readonly policy: CachePolicy;
  readonly purpose: string;
}

/** The static memory picture of one firmware build. */
export interface MemoryLayout {
  readonly title: string;
  readonly banks: readonly MemoryBank[];
  readonly regions: readonly LinkerRegion[];
  readonly packetPools: readonly PacketPoolSpec[];
  readonly bytePools: readonly BytePoolSpec[];
  /** Buffers that are not pools but share their regions (e.g. FileX media memory in .dma_buffer). */
  readonly buffers: readonly Placement[];
  readonly threads: readonly ThreadSpec[];
  readonly mpu: readonly MpuRegion[];
  /** sizeof(NX_PACKET) the pool counts assume. */
  readonly packetHeader: number;
}
