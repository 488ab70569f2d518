package dev.fer.capture.support;

import java.awt.image.BufferedImage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few frame images handed back by the receiver ({@code FrameSource.recycle}) for a source to
 * fill again, so a steady stream stops allocating pixels. Safe for a receiver on one thread and a
 * source on another.
 */
public final class FramePool {
    /** Enough for a frame being captured, one being processed and one being shown. */
    private static final int CAPACITY = 4;

    private final ConcurrentLinkedQueue<BufferedImage> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    /** A recycled {@code TYPE_3BYTE_BGR} image of this size, or a new one. */
    public BufferedImage take(int width, int height) {
        for (BufferedImage image; (image = free.poll()) != null; ) {
            count.decrementAndGet();
            if (image.getWidth() == width && image.getHeight() == height) {
                return image; // others (from before a size change) are dropped
            }
        }
        return BgrImages.blank(width, height);
    }

    /** Keeps {@code image} for reuse, unless the pool is full or it is not a frame image. */
    public void give(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            return;
        }
        if (count.incrementAndGet() <= CAPACITY) {
            free.offer(image);
        } else {
            count.decrementAndGet();
        }
    }
}
