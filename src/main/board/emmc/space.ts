// Space on the virtual volume, counted in clusters as FileX's FAT does.

/** Space on the virtual volume, counted in 4 KiB clusters as FAT does. */
export interface EmmcUsage {
  readonly capacityBytes: number;
  readonly usedBytes: number;
  readonly freeBytes: number;
}

/** The bytes in use on a volume, shared by the volume and its uploads in progress. */
export interface SpaceAccount {
  used: number;
  readonly capacityBytes: number;
}

/** FileX formats the card with 8 sectors of 512 bytes per cluster. */
export const CLUSTER_BYTES = 4096;

/** Bytes a file of `size` occupies on the volume. */
export function clusterBytes(size: number): number {
  return Math.ceil(size / CLUSTER_BYTES) * CLUSTER_BYTES;
}
