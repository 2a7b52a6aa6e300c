/**
 * Reaching a remote feed: the importer keys every remote-fed type shares ({@link
 * dev.depot.publish.feed.FeedKeys}), the settings they give ({@link
 * dev.depot.publish.feed.FeedSettings}, which a {@code Downloader} takes), and a feed that is a
 * directory of exported ISO images ({@link dev.depot.publish.feed.ImageFeed}).
 */
package dev.depot.publish.feed;
